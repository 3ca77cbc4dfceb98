import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/main/store/store';
import type { SurvivalResult } from '../../src/shared/contract/reports';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { fixedClock } from '../helpers/his';
import { PINNED_NOW } from '../helpers/pinned-clock';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { makeEncounter, makePatient } from '../helpers/followup';
import { buildSurvivalFixture, CUT_OFF, day, type SurvivalFixture } from './survival-fixture';

const admin: User = { id: 1, username: 'admin', displayName: '管理员', role: 'admin' };
const steps = (r: SurvivalResult, group: number) => r.groups[group].steps.map((s) => [s.time, s.nRisk, s.nEvent, s.nCensor, s.survival]);

// Hand-computed from the fixture (survival-fixture.ts), diagnosis anchor, days from day 0:
// lung: deaths 100, 300, 400; censored 200 (last call), 545 (alive at the cut-off: follow-up on day 600).
// colon: death 50; censored 20 (b4, last seen at the discharge), 150 (visit), 545 (b3 died after the cut-off).
const S1 = 4 / 5;
const S2 = S1 * (2 / 3);
const S3 = S2 * (1 / 2);
const LUNG_DIAGNOSIS = [
  [100, 5, 1, 0, S1],
  [200, 4, 0, 1, S1],
  [300, 3, 1, 0, S2],
  [400, 2, 1, 0, S3],
  [545, 1, 0, 1, S3],
];
const COLON_DIAGNOSIS = [
  [20, 4, 0, 1, 1],
  [50, 3, 1, 0, 2 / 3],
  [150, 2, 0, 1, 2 / 3],
  [545, 1, 0, 1, 2 / 3],
];

// Log-rank, lung against colon: at each death time, (at risk lung, at risk all).
const AT_DEATHS = [
  [5, 8, 0],
  [5, 7, 1],
  [3, 4, 1],
  [2, 3, 1],
]; // t = 50 (colon), 100, 300, 400 (lung)
const expectedLung = AT_DEATHS.reduce((e, [n1, n]) => e + n1 / n, 0);
const variance = AT_DEATHS.reduce((v, [n1, n]) => v + (n1 / n) * (1 - n1 / n), 0); // one death each time
const CHI_SQUARE = (3 - expectedLung) ** 2 / variance; // ≈ 0.0702

describe.each(STORE_KINDS)('survival analysis on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let fx: SurvivalFixture;
  let call: TestDispatch;
  const dir = tempDir('followup-survival');
  const survival = (input: object, user: User = admin): Promise<SurvivalResult> => call(user, 'reports.survival', { cutOff: CUT_OFF, ...input });

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    fx = await buildSurvivalFixture(store.knex);
    call = ipcDispatch(store, fixedClock(PINNED_NOW), dir);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('computes Kaplan–Meier per plan from the diagnosis date, with median, 1-year survival, risk table and completeness', async () => {
    const r = await survival({ anchor: 'diagnosis', groupBy: 'plan' });
    expect(r.groups.map((g) => [g.group, g.key, g.patients, g.deaths])).toEqual([
      ['肺癌随访', `plan:${fx.plans.lung}`, 5, 3],
      ['结直肠癌随访', `plan:${fx.plans.colon}`, 4, 1],
    ]);
    expect(steps(r, 0)).toEqual(LUNG_DIAGNOSIS.map((row) => row.map((v) => expect.closeTo(v, 12))));
    expect(steps(r, 1)).toEqual(COLON_DIAGNOSIS.map((row) => row.map((v) => expect.closeTo(v, 12))));
    expect(r.groups[0].median.median).toBe(400);
    expect(r.groups[1].median.median).toBeNull(); // never falls to 0.5
    const [lungYear1, lungYear3] = r.groups[0].atYears;
    expect(lungYear1.survival).toBeCloseTo(S2, 12);
    // Greenwood: S × √(Σ d / (n (n − d))) over the deaths up to day 365.
    expect(lungYear1.stdErr).toBeCloseTo(S2 * Math.sqrt(1 / (5 * 4) + 1 / (3 * 2)), 12);
    expect(lungYear3.survival).toBeNull(); // past the longest follow-up
    expect(r.groups[0].riskTable).toEqual([0, 365, 730, 1095, 1461, 1826].map((time, i) => ({ time, nRisk: [5, 2, 0, 0, 0, 0][i] })));
    expect(r.groups[0].completeness).toEqual({ known: 4, total: 5, share: 0.8 }); // a2 is unknown
    expect(r.groups[1].completeness).toEqual({ known: 2, total: 4, share: 0.5 }); // b2, b4 unknown; b3 alive on the cut-off
    expect(r.completeness).toEqual({ known: 6, total: 9, share: 6 / 9 });
    expect(r.logRank!.df).toBe(1);
    expect(r.logRank!.chiSquare).toBeCloseTo(CHI_SQUARE, 10);
    expect(r.transform).toBe('log-log');
    expect(r.excluded).toEqual({ noTreatmentStart: 0, noAnchor: 0, noDiagnosisGroup: 0, deathDateUnknown: 1, deathBeforeAnchor: 0, anchoredAfterCutOff: 0 });
  });

  it('moves time zero with the anchor: first discharge is day 20, treatment start day 30 and excludes those without one', async () => {
    const discharge = await survival({ anchor: 'firstDischarge', groupBy: 'plan' });
    expect(steps(discharge, 0).map(([time]) => time)).toEqual([80, 180, 280, 380, 525]);
    expect(steps(discharge, 1).map(([time]) => time)).toEqual([0, 30, 130, 525]);
    expect(discharge.groups[0].median.median).toBe(380);

    const treatment = await survival({ anchor: 'treatmentStart', groupBy: 'plan' });
    expect(treatment.groups.map((g) => [g.group, g.patients, g.deaths])).toEqual([
      ['肺癌随访', 4, 2],
      ['结直肠癌随访', 2, 1],
    ]);
    expect(steps(treatment, 0)).toEqual(
      [
        [70, 4, 1, 0, 3 / 4],
        [170, 3, 0, 1, 3 / 4],
        [270, 2, 1, 0, 3 / 8],
        [515, 1, 0, 1, 3 / 8],
      ].map((row) => row.map((v) => expect.closeTo(v, 12))),
    );
    expect(steps(treatment, 1).map(([time]) => time)).toEqual([20, 120]);
    expect(treatment.excluded.noTreatmentStart).toBe(4); // a5, a6, b3, b4
    expect(treatment.completeness.total).toBe(6);
  });

  it("groups by ICD-10 category with its dictionary name, and by the department's current name", async () => {
    const byDiagnosis = await survival({ anchor: 'diagnosis', groupBy: 'diagnosisGroup' });
    expect(byDiagnosis.groups.map((g) => [g.group, g.key, g.patients])).toEqual([
      ['C18 结肠恶性肿瘤', 'icd:C18', 4],
      ['C34 支气管和肺恶性肿瘤', 'icd:C34', 5],
    ]);
    await store.knex('departments').where({ id: fx.depts.lung }).update({ name: '胸外一科' });
    const byDept = await survival({ anchor: 'diagnosis', groupBy: 'department' });
    await store.knex('departments').where({ id: fx.depts.lung }).update({ name: '胸外科' });
    expect(byDept.groups.map((g) => [g.group, g.patients])).toEqual([
      ['胸外一科', 5],
      ['肿瘤科', 4],
    ]);
  });

  it('filters by diagnosis code or range, plan, and anchor dates', async () => {
    const lung = await survival({ anchor: 'diagnosis', groupBy: 'plan', diagnosis: 'C34' });
    expect(lung.groups.map((g) => g.patients)).toEqual([5]);
    const range = await survival({ anchor: 'diagnosis', groupBy: 'diagnosisGroup', diagnosis: 'C00-C97' });
    expect(range.groups.map((g) => g.patients)).toEqual([4, 5]);
    const none = await survival({ anchor: 'diagnosis', groupBy: 'plan', diagnosis: 'I10' });
    expect(none.groups).toEqual([]);
    expect(none.completeness).toEqual({ known: 0, total: 0, share: null });
    const colon = await survival({ anchor: 'diagnosis', groupBy: 'plan', planIds: [fx.plans.colon] });
    expect(colon.groups.map((g) => g.group)).toEqual(['结直肠癌随访']);
    expect(colon.logRank).toBeNull();
    const later = await survival({ anchor: 'diagnosis', groupBy: 'plan', from: '2025-01-02' });
    expect(later.groups).toEqual([]);
  });

  it('shows a head only her departments, refuses others, and refuses nurses and future cut-offs', async () => {
    const head = fx.headOfLung;
    const mine = await survival({ anchor: 'diagnosis', groupBy: 'department' }, head);
    expect(mine.groups.map((g) => [g.group, g.patients])).toEqual([['胸外科', 5]]);
    expect(mine.completeness.total).toBe(5);
    expect(mine.excluded.deathDateUnknown).toBe(1);
    await expect(survival({ anchor: 'diagnosis', groupBy: 'plan', deptIds: [fx.depts.colon] }, head)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(survival({ anchor: 'diagnosis', groupBy: 'plan' }, { ...head, role: 'nurse' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(survival({ anchor: 'diagnosis', groupBy: 'plan', cutOff: '2026-12-02' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(survival({ anchor: 'diagnosis', groupBy: 'plan', cutOff: '2026-02-30' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('reads the HIS records merged into a patient as his own: a visit after the cut-off makes him known alive', async () => {
    const a2 = Number((await store.knex('patients').where({ name: '患者a2' }).first('id')).id);
    const old = await makePatient(store.knex, { name: '患者a2旧档' });
    await store.knex('patients').where({ id: old }).update({ merged_into_patient_id: a2, status: 'merged' });
    await makeEncounter(store.knex, { patientId: old, kind: 'outpatient', date: day(560) });
    const r = await survival({ anchor: 'diagnosis', groupBy: 'plan' });
    await store.knex('encounters').where({ patient_id: old }).delete();
    await store.knex('patients').where({ id: old }).delete();
    expect(r.groups[0].patients).toBe(5);
    expect(steps(r, 0).find(([time]) => time === 200)).toBeUndefined(); // a2 is now censored at the cut-off
    expect(r.groups[0].completeness).toEqual({ known: 5, total: 5, share: 1 });
  });
});
