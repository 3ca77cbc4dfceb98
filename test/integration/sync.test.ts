import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/main/store/store';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const his = makeDemoHis(400);
const P = his.summary.planted;
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

// Each store kind syncs its own copy: the watermark test edits the HIS.
const hisFileFor = (kind: string) => his.file.replace(/\.sqlite$/, `-${kind}.sqlite`);
const hisCount = (sql: string, ...params: unknown[]) => {
  const db = new Database(his.file, { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe.each(STORE_KINDS)('HIS sync into %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const clock = fixedClock('2026-07-01 09:00:00');
  let first: Awaited<ReturnType<typeof syncOnce>>;

  beforeAll(async () => {
    fs.copyFileSync(his.file, hisFileFor(kind));
    t = await createTestStore(kind);
    store = await t.open();
    first = await syncOnce(store, hisFileFor(kind), clock);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  const count = async (table: string, where: Record<string, unknown> = {}) => Number((await store.knex(table).where(where).count({ n: '*' }))[0].n);
  const rejected = async (entity: string, reason: string) => store.knex('rejected_rows').where({ entity, reason }).orderBy('source_key').pluck('source_key');

  it('loads every good row and says why each bad one was not loaded', async () => {
    expect(first.status).toBe('ok');
    const stays = hisCount('select count(*) n from V_ZY_CYBR');
    const badStays = 4 + P.badStays.missingKey.length;
    expect(await count('encounters', { kind: 'inpatient' })).toBe(stays - badStays);
    expect(first.counts.inpatient_stays.rejected).toBe(badStays);
    expect(await rejected('inpatient_stays', 'unknown patient')).toContain(P.badStays.unknownPatient);
    expect(await rejected('inpatient_stays', 'bad discharge date')).toEqual(expect.arrayContaining([P.badStays.badDate, P.badStays.garbageDate]));
    expect(await rejected('inpatient_stays', 'discharge before admission')).toContain(P.badStays.dischargeBeforeAdmission);
    expect(await rejected('inpatient_stays', 'missing key')).toEqual(P.badStays.missingKey.map((m) => `(inpatient_no=${m.zyhm})`).sort());
    for (const [zyh, zdxh] of P.badDiagnoses.malformedCode) expect(await rejected('inpatient_diagnoses', 'malformed ICD-10 code')).toContain(`${zyh}/${zdxh}`);
    expect(await rejected('inpatient_diagnoses', 'no main diagnosis')).toContain(P.badDiagnoses.noMainDiagnosis);
    expect(await rejected('outpatient_visits', 'unknown department')).toContain(P.badVisits.unknownDepartment);
    expect((await rejected('checkup_findings', 'unknown checkup')).some((k) => k.startsWith(`${P.badFindings.unknownCheckup}/`))).toBe(true);
    for (const brid of P.badPhones) expect((await rejected('phones', 'malformed phone')).some((k) => k.startsWith(`${brid}/`))).toBe(true);
    const visits = hisCount('select count(*) n from V_MZ_JZ');
    expect(await count('encounters', { kind: 'outpatient' })).toBe(visits - 1);
  });

  it('normalises identity, sex codes, merges, cancellations and deaths', async () => {
    const patient = (brid: string) => store.knex('patients').where({ source_patient_id: brid }).first();
    for (const brid of P.invalidIdNumbers) expect((await patient(brid)).id_number_valid).toBe(0);
    for (const brid of P.legacyIdNumbers) expect(await patient(brid)).toMatchObject({ id_number_kind: '15', id_number_valid: 1 });
    const lower = await patient(P.lowercaseX);
    expect(lower.id_number).toMatch(/X$/);
    expect(lower.id_number_valid).toBe(1);
    expect((await patient(P.rareCharName)).needs_review).toBe(1);
    // PEIS codes sex 0 = 男; the store holds GB/T 2261.1 (1 = 男) for every source.
    const peisMale = hisCount("select count(*) n from V_TJ_DJ where xb = '0' and brid is null");
    const storedMale = await store.knex('patients').where('source_patient_id', 'like', 'peis:%').andWhere({ gender_code: '1' }).count({ n: '*' });
    expect(Number(storedMale[0].n)).toBeLessThanOrEqual(peisMale);
    expect(
      (await count('patients', { gender_code: '0' })) +
        (await count('patients', { gender_code: '1' })) +
        (await count('patients', { gender_code: '2' })) +
        (await count('patients', { gender_code: '9' })),
    ).toBe(await count('patients'));
    const { obsolete, surviving } = P.mergedPatients[0];
    const old = await patient(obsolete);
    const keep = await patient(surviving);
    expect(old.merged_into_patient_id).toBe(keep.id);
    expect(await count('encounters', { patient_id: old.id })).toBe(0);
    expect(await count('patient_links', { obsolete_source_id: obsolete })).toBe(1);
    for (const zyh of P.cancelledStays) expect((await store.knex('encounters').where({ kind: 'inpatient', source_id: zyh }).first()).status).toBe('cancelled');
    const death = await store.knex('encounters').where({ kind: 'inpatient', source_id: P.deathStays[0] }).first();
    expect(death.discharge_mode_code).toBe('5');
    expect((await store.knex('patients').where({ id: death.patient_id }).first()).deceased).toBe(1);
    const crit = await store.knex('encounters').where({ kind: 'checkup', source_id: P.criticalFindings[0] }).first();
    expect(crit.critical_count).toBeGreaterThan(0);
  });

  it('a second run changes nothing and duplicates nothing', async () => {
    const before = await Promise.all(['patients', 'encounters', 'diagnoses', 'checkup_findings', 'phones', 'rejected_rows'].map((x) => count(x)));
    clock.set('2026-07-01 10:00:00');
    const second = await syncOnce(store, hisFileFor(kind), clock);
    expect(second.status).toBe('ok');
    for (const [entity, c] of Object.entries(second.counts))
      expect({ entity, inserted: c.inserted, updated: c.updated }).toEqual({ entity, inserted: 0, updated: 0 });
    const after = await Promise.all(['patients', 'encounters', 'diagnoses', 'checkup_findings', 'phones', 'rejected_rows'].map((x) => count(x)));
    expect(after).toEqual(before);
  });

  it('picks up a changed row through the watermark, and only that row', async () => {
    const db = new Database(hisFileFor(kind));
    const zyh = (db.prepare("select zyh from V_ZY_CYBR where cypb = 8 and zyh like 'Z%' order by zyh limit 1").get() as { zyh: string }).zyh;
    db.prepare("update V_ZY_CYBR set zzys = '新医生', xgsj = '2026-07-01 10:30:00' where zyh = ?").run(zyh);
    db.close();
    clock.set('2026-07-01 11:00:00');
    const third = await syncOnce(store, hisFileFor(kind), clock);
    expect(third.counts.inpatient_stays).toMatchObject({ inserted: 0, updated: 1 });
    expect((await store.knex('encounters').where({ kind: 'inpatient', source_id: zyh }).first()).doctor_name).toBe('新医生');
  });
});
