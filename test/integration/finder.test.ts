import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInput, type FindInput } from '../../src/shared/contract';
import { findPatients } from '../../src/main/patients/finder';
import { patientTimeline } from '../../src/main/patients/timeline';
import { namePinyin } from '../../src/main/his/normalise/pinyin';
import type { Store } from '../../src/main/store/store';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const his = makeDemoHis(600, 11);
const P = his.summary.planted;
const badStays = [P.badStays.unknownPatient, P.badStays.badDate, P.badStays.garbageDate, P.badStays.dischargeBeforeAdmission];
const hisDb = new Database(his.file, { readonly: true });
afterAll(() => {
  hisDb.close();
  fs.rmSync(his.dir, { recursive: true, force: true });
});

// Expected counts come straight from the vendor views, with the vendor's own encodings.
const d8 = (iso: string) => iso.replace(/-/g, '');
function hisStayCount(where: string, params: unknown[]): number {
  const sql = `select count(*) n from V_ZY_CYBR a
    join V_ZY_ZD d on d.zyh = a.zyh and d.zyzdbz = 1 and d.zdlb = '3'
    where a.cypb <> 99 and a.zyh not in (${badStays.map(() => '?').join(',')}) and ${where}`;
  return (hisDb.prepare(sql).get(...badStays, ...params) as { n: number }).n;
}

describe.each(STORE_KINDS)('patient finder on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const find = (input: FindInput, role: 'nurse' | 'head' | 'admin' = 'nurse') => findPatients(store, findInput.parse(input), role);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    const run = await syncOnce(store, his.file, fixedClock('2026-07-01 09:00:00'));
    expect(run.status).toBe('ok');
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  const deptId = async (name: string) => Number((await store.knex('departments').where({ name }).first()).id);

  it('filters by department + diagnosis keyword + discharge dates, matching the HIS count', async () => {
    const code = (hisDb.prepare("select ksdm from V_KS where ksmc = '胸外科'").get() as { ksdm: string }).ksdm;
    const from = '2024-01-01';
    const to = '2026-06-30';
    const expected = hisStayCount("a.cyks = ? and substr(a.cyrq, 1, 8) between ? and ? and d.zdmc like '%肺癌%'", [code, d8(from), d8(to)]);
    // 肺癌 stands for C33-C34 (templates/diagnosis-synonyms.json) besides codes whose name holds it.
    const byName = hisStayCount(
      "a.cyks = ? and substr(a.cyrq, 1, 8) between ? and ? and (d.zdbm in (select zdbm from V_ZY_ZD where zdmc like '%肺癌%') or substr(d.zdbm, 1, 3) between 'C33' and 'C34')",
      [code, d8(from), d8(to)],
    );
    const r = await find({ kind: 'inpatient', deptIds: [await deptId('胸外科')], diagnosis: '肺癌', eventDate: { from, to } });
    expect(expected).toBeGreaterThan(0);
    expect(r.total).toBe(byName);
    expect(r.rows.every((row) => row.deptName === '胸外科' && row.eventDate >= from && row.eventDate <= to)).toBe(true);
  });

  it('takes ICD-10 ranges and codes with Chinese extensions', async () => {
    const range = await find({ kind: 'inpatient', diagnosis: 'C00-C97', pageSize: 200 });
    expect(range.total).toBe(hisStayCount("substr(d.zdbm, 1, 3) between 'C00' and 'C97'", []));
    expect(range.rows.every((r) => r.mainDiagCode! >= 'C00' && r.mainDiagCode! < 'C98')).toBe(true);
    const htn = await find({ kind: 'inpatient', diagnosis: 'I10' });
    expect(htn.total).toBe(hisStayCount("substr(d.zdbm, 1, 3) = 'I10'", []));
    const both = await find({ kind: 'inpatient', diagnosis: 'I10, E11' });
    expect(both.total).toBe(hisStayCount("substr(d.zdbm, 1, 3) in ('I10', 'E11')", []));
    expect((await find({ kind: 'inpatient', diagnosis: '不存在的病' })).total).toBe(0);
  });

  it('filters by admission dates, pages and sorts', async () => {
    const expected = hisStayCount("substr(a.ryrq, 1, 8) between '20250101' and '20250331'", []);
    const p1 = await find({ kind: 'inpatient', admitted: { from: '2025-01-01', to: '2025-03-31' }, pageSize: 20, sort: 'admitDate', order: 'asc' });
    expect(p1.total).toBe(expected);
    const p2 = await find({ kind: 'inpatient', admitted: { from: '2025-01-01', to: '2025-03-31' }, pageSize: 20, page: 2, sort: 'admitDate', order: 'asc' });
    const dates = [...p1.rows, ...p2.rows].map((r) => r.admitDate!);
    expect(dates).toEqual([...dates].sort());
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.encounterId)).size).toBe(40);
    const byName = await find({ kind: 'inpatient', sort: 'name', order: 'asc', pageSize: 100 });
    const keys = byName.rows.map((r) => namePinyin(r.name).full);
    expect(keys).toEqual([...keys].sort());
  });

  it('finds a patient by name, pinyin initials, ID number, phone and inpatient number', async () => {
    const stay = hisDb
      .prepare(
        `select a.zyh, a.zyhm, b.xm, b.sfzh, b.lxdh from V_ZY_CYBR a join V_BRXX b on b.brid = a.brid
      where a.cypb = 8 and a.zyh like 'Z%' and a.zyh not in ('${badStays.join("','")}') and length(b.sfzh) = 18 and b.lxdh like '1%' and length(b.lxdh) = 11 and b.xm not like '%?%' order by a.zyh limit 1`,
      )
      .get() as Record<string, string>;
    const hit = (r: { rows: { encounterNo: string | null }[] }) => r.rows.some((x) => x.encounterNo === stay.zyhm);
    expect(hit(await find({ query: stay.xm, pageSize: 200 }))).toBe(true);
    expect(hit(await find({ query: namePinyin(stay.xm).initials, pageSize: 200 }))).toBe(true);
    expect(hit(await find({ query: stay.sfzh, pageSize: 200 }))).toBe(true);
    expect(hit(await find({ query: stay.lxdh, pageSize: 200 }))).toBe(true);
    const byNo = await find({ query: stay.zyhm });
    expect(byNo.total).toBe(1);
    expect(byNo.rows[0].phone).toBe(stay.lxdh);
    // A department head sees phones masked.
    expect((await find({ query: stay.zyhm }, 'head')).rows[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('shows one timeline, newest first, with the ID number masked for a nurse', async () => {
    const tjh = P.criticalFindings[0];
    const enc = await store.knex('encounters').where({ kind: 'checkup', source_id: tjh }).first();
    const tl = await patientTimeline(store.knex, enc.patient_id, 'nurse', '2026-07-01');
    const dates = tl.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const checkup = tl.events.find((e) => e.encounterId === enc.id)!;
    expect(checkup.findings.some((f) => f.critical)).toBe(true);
    if (tl.patient.idNumber && tl.patient.idNumber.length === 18) expect(tl.patient.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const admin = await patientTimeline(store.knex, enc.patient_id, 'admin', '2026-07-01');
    expect(admin.patient.idNumber).not.toContain('*');
  });
});
