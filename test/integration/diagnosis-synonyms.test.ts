import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/main/auth/users';
import { findPatients } from '../../src/main/patients/finder';
import { matchPlan } from '../../src/main/plans/matching';
import type { Store } from '../../src/main/store/store';
import { findInput, type FindInput } from '../../src/shared/contract';
import type { User } from '../../src/shared/model';
import { planDefinitionSchema, type EnrolmentRule } from '../../src/shared/plans/schema';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// Issue 13: a diagnosis keyword reaches the ICD-10 categories it stands for (肺癌 → C33-C34)
// through templates/diagnosis-synonyms.json and the data folder's file over it, in the finder
// and in plan rules alike; a reversed range is refused instead of finding nothing.

const his = makeDemoHis(600, 11);
const P = his.summary.planted;
const badStays = [P.badStays.unknownPatient, P.badStays.badDate, P.badStays.garbageDate, P.badStays.dischargeBeforeAdmission];
const hisDb = new Database(his.file, { readonly: true });
const dataDir = tempDir('followup-synonyms');
const brokenDir = tempDir('followup-synonyms-broken');
fs.writeFileSync(path.join(dataDir, 'diagnosis-synonyms.json'), JSON.stringify({ synonyms: { 肺部阴影: ['R91'], 脑梗: ['I63', 'I69'] } }));
fs.writeFileSync(path.join(brokenDir, 'diagnosis-synonyms.json'), JSON.stringify({ synonyms: { 肺癌: ['C34-C33'] } }));
afterAll(() => {
  hisDb.close();
  for (const d of [his.dir, dataDir, brokenDir]) fs.rmSync(d, { recursive: true, force: true });
});

/** Discharged stays in the vendor's own views whose main diagnosis matches `where` (on d.zdbm / d.zdmc). */
function hisStays(where: string): number {
  const sql = `select count(*) n from V_ZY_CYBR a
    join V_ZY_ZD d on d.zyh = a.zyh and d.zyzdbz = 1 and d.zdlb = '3'
    where a.cypb <> 99 and a.zyh not in (${badStays.map(() => '?').join(',')}) and (${where})`;
  return (hisDb.prepare(sql).get(...badStays) as { n: number }).n;
}
const byName = (word: string) => `d.zdbm in (select zdbm from V_ZY_ZD where zdmc like '%${word}%')`;
const inCategories = (from: string, to: string) => `substr(d.zdbm, 1, 3) between '${from}' and '${to}'`;

const lungPlan = planDefinitionSchema.parse(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../templates/plans/lung-cancer.json'), 'utf8')));
const withRule = (rule: Partial<EnrolmentRule>) =>
  planDefinitionSchema.parse({
    ...lungPlan,
    enrolment: { ...lungPlan.enrolment, lookbackDays: 3650, perPatient: 'per_encounter', rules: [{ id: 'r', encounterKind: 'inpatient', ...rule }] },
  });

describe.each(STORE_KINDS)('diagnosis keyword synonyms on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let call: TestDispatch;
  let nurse: User;
  let admin: User;
  const find = (input: FindInput) => findPatients(store, findInput.parse({ kind: 'inpatient', pageSize: 200, ...input }), 'nurse');

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    const clock = fixedClock('2026-07-01 09:00:00');
    expect((await syncOnce(store, his.file, clock)).status).toBe('ok');
    nurse = await createUser(store.knex, clock, { username: 'nurse1', displayName: '护士', role: 'nurse', password: 'secret-1234' });
    admin = await createUser(store.knex, clock, { username: 'admin1', displayName: '管理员', role: 'admin', password: 'secret-1234' });
    call = ipcDispatch(store, clock, dataDir);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('肺癌 finds every stay whose main diagnosis is in C33-C34 plus any whose diagnosis text holds the word', async () => {
    const r = await find({ diagnosis: '肺癌' });
    const expected = hisStays(`${inCategories('C33', 'C34')} or ${byName('肺癌')}`);
    expect(r.total).toBe(expected);
    // Far more than the literal word found before (肺恶性肿瘤, 肺腺癌 … never contain 肺癌).
    expect(r.total).toBeGreaterThan(hisStays(byName('肺癌')));
    expect(r.total).toBe((await find({ diagnosis: 'C33-C34' })).total);
    // A keyword whose name matches reach past its categories: 脑梗 is I63 and also I69.3 脑梗死后遗症.
    const stroke = await find({ diagnosis: '脑梗' });
    expect(stroke.total).toBe(hisStays(`${inCategories('I63', 'I63')} or ${byName('脑梗')}`));
    expect(stroke.total).toBeGreaterThan(hisStays(inCategories('I63', 'I63')));
  });

  it('plan rules with a keyword enrol the same stays as with its ICD-10 range', async () => {
    const ids = async (rule: Partial<EnrolmentRule>) =>
      (await matchPlan(store.knex, withRule(rule), null, '2026-07-01')).candidates.map((c) => c.encounterId).sort();
    const byKeyword = await ids({ keywords: ['肺癌'] });
    expect(byKeyword.length).toBeGreaterThan(0);
    expect(byKeyword).toEqual(await ids({ icd10: ['C33-C34'] }));
    // Plus, as in the finder, stays whose diagnosis holds the word: O24.4 妊娠期糖尿病 beside E10-E14.
    const diabetes = (await matchPlan(store.knex, withRule({ keywords: ['糖尿病'] }), null, '2026-07-01')).candidates;
    const range = new Set(await ids({ icd10: ['E10-E14'] }));
    const extra = diabetes.filter((c) => !range.has(c.encounterId));
    expect(diabetes.length - extra.length).toBe(range.size);
    expect(extra.every((c) => c.diagName!.includes('糖尿病') && !/^E1[0-4]/.test(c.diagCode!))).toBe(true);
  });

  it("takes the admin's dictionary from the data folder, and names a broken one", async () => {
    // Not in the shipped dictionary and in no diagnosis name: nothing without the admin's file.
    expect((await find({ diagnosis: '肺部阴影' })).total).toBe(0);
    const shadow = await call(nurse, 'patients.find', { kind: 'inpatient', diagnosis: '肺部阴影' });
    expect(shadow.total).toBe(hisStays(inCategories('R91', 'R91')));
    expect(shadow.total).toBeGreaterThan(0);
    // The admin's entry replaces the shipped one (脑梗 → I63 and I69 here).
    expect((await call(nurse, 'patients.find', { kind: 'inpatient', diagnosis: '脑梗' })).total).toBe(
      hisStays(`${inCategories('I63', 'I63')} or ${inCategories('I69', 'I69')} or ${byName('脑梗')}`),
    );
    const expanded = await call(nurse, 'diagnoses.expand', { text: '肺癌, 肺部阴影 C00-C97 I10' });
    expect(expanded.terms).toEqual([
      { term: '肺癌', kind: 'keyword', categories: ['C33-C34'] },
      { term: '肺部阴影', kind: 'keyword', categories: ['R91'] },
      { term: 'C00-C97', kind: 'range', categories: ['C00-C97'] },
      { term: 'I10', kind: 'code', categories: ['I10'] },
    ]);
    const broken = ipcDispatch(store, fixedClock('2026-07-01 09:00:00'), brokenDir);
    await expect(broken(nurse, 'patients.find', { diagnosis: '肺癌' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(path.join(brokenDir, 'diagnosis-synonyms.json')),
    });
  });

  it('refuses a reversed range in the finder and in a plan rule, in both languages', async () => {
    await expect(call(nurse, 'patients.find', { diagnosis: 'C99-C00' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: '诊断范围 C99-C00 的起止颠倒，应写作 C00-C99 (reversed range C99-C00: write C00-C99)',
    });
    await expect(call(nurse, 'diagnoses.expand', { text: '肺癌 C99 - C00' })).rejects.toMatchObject({ code: 'invalid_input' });
    const plan = {
      ...lungPlan,
      code: 'reversed',
      enrolment: { ...lungPlan.enrolment, rules: [{ ...lungPlan.enrolment.rules[0], icd10: ['C34', 'C99-C00'] }] },
    };
    const refused = call(admin, 'plans.save', { definition: plan });
    await expect(refused).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(refused.catch((e) => JSON.stringify(e.issues))).resolves.toContain('起止颠倒');
    expect(await store.knex('plans').where({ code: 'reversed' }).first()).toBeUndefined();
    // A version stored before the check: a warning, and the plan's other rules still run.
    const base = withRule({});
    const stored = { ...base, enrolment: { ...base.enrolment, rules: [{ ...base.enrolment.rules[0], icd10: ['C99-C00'] }] } };
    const { candidates, warnings } = await matchPlan(store.knex, stored, null, '2026-07-01');
    expect(candidates).toEqual([]);
    expect(warnings.join()).toContain('起止颠倒');
  });
});
