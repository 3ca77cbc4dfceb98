import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/main/his/check';
import { loadProfile } from '../../src/main/his/profile';
import { openSqliteSource } from '../../src/main/his/sources/sqlite-source';
import type { HisCheckReport } from '../../src/shared/his-check';
import { ID_NUMBER_REASONS } from '../../src/shared/id-number-problem';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { editedDemoProfile, misspelledAlias, missingView, unmappedCode, wrongParamFormat } from '../helpers/his-profile-copy';

// The demo HIS ends on 2026-06-30; a clock the next morning and a 30-day window see its last month.
const his = makeDemoHis(300, 7, '2026-06-30');
const clock = fixedClock('2026-07-01 09:00:00');
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

async function check(dir: string): Promise<HisCheckReport> {
  const source = openSqliteSource(his.file);
  try {
    return await checkProfile(source, loadProfile(dir), clock, { days: 30 });
  } finally {
    await source.close();
  }
}
const entity = (r: HisCheckReport, name: string) => r.entities.find((e) => e.entity === name)!;

describe('followup his check', () => {
  it('finds nothing wrong with the shipped demo profile, and reports what it read', async () => {
    const r = await check(editedDemoProfile());
    expect(r.entities.flatMap((e) => e.problems)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.params).toMatchObject({ since: '2026-06-01 09:00:00', since_date: '2026-06-01' });
    const stays = entity(r, 'inpatient_stays');
    expect(stays.rowsRead).toBeGreaterThan(0);
    expect(stays.samples).toHaveLength(3);
    // Samples are normalised: canonical states and wall-clock times, never a raw char(16).
    for (const s of stays.samples) {
      expect(['in_hospital', 'discharge_notified', 'discharged', 'cancelled']).toContain(s.status);
      expect(String(s.admit_time)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    // Masked: a surname and stars, never a whole ID number or phone.
    for (const s of entity(r, 'patients').samples) {
      expect(String(s.name)).toMatch(/^\p{Script=Han}{1,2}\*+$/u);
      if (s.id_number) expect(String(s.id_number)).toMatch(/\*{4,}/);
      if (s.phone) expect(String(s.phone)).toMatch(/\*{4}/);
    }
  });

  it('lists invalid ID numbers and phones as kept-but-flagged, not as rows a sync would reject', async () => {
    const source = openSqliteSource(his.file);
    const r = await checkProfile(source, loadProfile(editedDemoProfile()), clock, { days: 4000, limit: 100_000 }).finally(() => source.close());
    const patients = entity(r, 'patients');
    expect(patients.flagged.map((f) => f.reason)).toContain(ID_NUMBER_REASONS.check_digit);
    expect(patients.rejections.map((x) => x.reason)).not.toContain(ID_NUMBER_REASONS.check_digit);
    expect(patients.problems).toEqual([]);
  });

  it('names a misspelled alias and the column it should be', async () => {
    const r = await check(editedDemoProfile(misspelledAlias));
    const stays = entity(r, 'inpatient_stays');
    expect(stays.missingRequired).toEqual([{ column: 'discharge_dept_code', nearest: 'discharge_dept' }]);
    expect(stays.unknown).toContainEqual({ column: 'discharge_dept', nearest: 'discharge_dept_code' });
    expect(stays.problems.join('\n')).toContain('缺少必需列 discharge_dept_code，返回了 discharge_dept');
    expect(r.ok).toBe(false);
  });

  it('reports a missing view with the driver message and checks the other entities', async () => {
    const r = await check(editedDemoProfile(missingView));
    const visits = entity(r, 'outpatient_visits');
    expect(visits.error).toMatch(/no such table: V_MZ_JZXX/);
    expect(visits.problems[0]).toContain('outpatient_visits 的 SQL 执行失败');
    expect(entity(r, 'checkups').rowsRead).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
  });

  it('counts codes that no value map covers, and the rejections they cause', async () => {
    const r = await check(editedDemoProfile(unmappedCode));
    const stays = entity(r, 'inpatient_stays');
    const code = stays.unmappedCodes.find((c) => c.column === 'status' && c.value === '8');
    expect(code?.count).toBeGreaterThan(0);
    expect(stays.rejections).toContainEqual({ reason: 'unmapped status', count: code!.count });
    expect(stays.problems.join('\n')).toContain('valueMaps["inpatient_stays.status"]');
    expect(r.ok).toBe(false);
  });

  it('flags a window whose comparison with :since does not match the column format', async () => {
    const good = entity(await check(editedDemoProfile()), 'inpatient_stays');
    expect(good.window?.rowsBefore).toBe(0);
    const r = await check(editedDemoProfile(wrongParamFormat));
    const stays = entity(r, 'inpatient_stays');
    expect(stays.window?.rowsBefore).toBeGreaterThan(0);
    expect(stays.problems.join('\n')).toContain('早于 :since');
    expect(r.params.formats.since).toBe('YYYY-MM-DD HH:mm:ss (text)');
    expect(r.ok).toBe(false);
  });
});
