import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/main/his/check';
import { loadProfile } from '../../src/main/his/profile';
import { openHisSource } from '../../src/main/his/sources';
import { runSync } from '../../src/main/his/sync-runner';
import { filtered } from '../../src/main/patients/finder';
import type { Store } from '../../src/main/store/store';
import { findInput } from '../../src/shared/contract';
import { expectedCounts, STAY_STATE } from '../fixtures/his-b/expected';
import { generateHisB } from '../fixtures/his-b/generate';
import { createHisDb, type HisDb, type SourceKind } from '../fixtures/his-b/databases';
import { fixedClock } from '../helpers/his';
import { createTestStore, tempDir, type TestStore } from '../helpers/stores';

// Issue 12: a second HIS shaped unlike the demo, with a profile written only from
// docs/his-profile.md, synced from SQLite, PostgreSQL and MariaDB and checked count by count
// against SQL over the vendor's own tables (test/fixtures/his-b/expected.ts).

const his = generateHisB(11);
const profile = loadProfile(path.resolve(__dirname, '../fixtures/his-b/profile'));
const n = (v: unknown) => Number(v);
async function grouped(q: Knex.QueryBuilder): Promise<Record<string, number>> {
  return Object.fromEntries(((await q) as { k: unknown; n: unknown }[]).map((r) => [String(r.k), n(r.n)]));
}

/** The store's side of every count expectedCounts computes. */
async function actualCounts(store: Store) {
  const k = store.knex;
  const enc = () => k('encounters as e').where('e.source_system', 'hisb');
  const byDept = (kind: string) => enc().join('departments as d', 'd.id', 'e.dept_id').where('e.kind', kind);
  const patients = await k('patients').where({ source_system: 'hisb' }).select('id', 'source_patient_id', 'status', 'merged_into_patient_id', 'deceased');
  const idOf = new Map(patients.map((p) => [p.source_patient_id as string, n(p.id)]));
  const perPatient = await grouped(enc().groupBy('e.patient_id').select({ k: 'e.patient_id' }).count({ n: '*' }));
  const finder = (await filtered(k, findInput.parse({})))!;
  const [{ c: finderDischarges }] = await finder(enc()).count({ c: '*' });
  return {
    patients: patients.filter((p) => !String(p.source_patient_id).startsWith('peis:')).length,
    idOf,
    mergedInto: new Map(patients.filter((p) => p.status === 'merged').map((p) => [p.source_patient_id as string, n(p.merged_into_patient_id)])),
    perPatient,
    ids: await grouped(
      k('patients')
        .where({ source_system: 'hisb' })
        .whereNotNull('id_number')
        .select({ k: k.raw("id_number_kind || '/' || id_number_valid") })
        .groupBy('id_number_kind', 'id_number_valid')
        .count({ n: '*' }),
    ),
    phones: n((await k('phones as ph').join('patients as p', 'p.id', 'ph.patient_id').where('p.source_system', 'hisb').count({ c: '*' }))[0].c),
    dischargesByDept: await grouped(
      byDept('inpatient').where('e.status', 'discharged').groupBy('d.source_code').select({ k: 'd.source_code' }).count({ n: '*' }),
    ),
    finderDischarges: n(finderDischarges),
    staysByState: await grouped(enc().where('e.kind', 'inpatient').groupBy('e.status').select({ k: 'e.status' }).count({ n: '*' })),
    visitsByDeptStatus: await grouped(
      byDept('outpatient')
        .groupBy('d.source_code', 'e.status')
        .select({ k: k.raw("d.source_code || '/' || e.status") })
        .count({ n: '*' }),
    ),
    deceased: patients.filter((p) => n(p.deceased) === 1).length,
    diagnoses: n((await k('diagnoses as x').join('encounters as e', 'e.id', 'x.encounter_id').where('e.source_system', 'hisb').count({ c: '*' }))[0].c),
    rejected: await grouped(
      k('rejected_rows')
        .where({ source_system: 'hisb' })
        .groupBy('entity', 'reason')
        .select({ k: k.raw("entity || '/' || reason") })
        .count({ n: '*' }),
    ),
  };
}

const VARIANTS: [SourceKind, 'sqlite' | 'pg'][] = [
  ['sqlite', 'sqlite'],
  ['sqlite', 'pg'],
  ['pg', 'sqlite'],
  ['mariadb', 'sqlite'],
];

describe.each(VARIANTS)('HIS b from %s into a %s store', (sourceKind, storeKind) => {
  const clock = fixedClock('2026-07-01 09:00:00');
  let hisDb: HisDb;
  let t: TestStore;
  let store: Store;
  const sync = async (full = false) => {
    const source = await openHisSource(hisDb.connection);
    try {
      const run = await runSync(store, source, profile, clock, { batchSize: 53, full });
      expect(run.status, run.error ?? '').toBe('ok');
      return run;
    } finally {
      await source.close();
    }
  };

  beforeAll(async () => {
    [hisDb, t] = await Promise.all([createHisDb(sourceKind, his), createTestStore(storeKind)]);
    store = await t.open();
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    await hisDb?.drop();
  });

  it('loads every count the vendor tables say, and a --full re-sync changes nothing', async () => {
    await sync();
    const want = await expectedCounts(hisDb.knex);
    const got = await actualCounts(store);
    expect(got.patients).toBe(want.patients);
    expect(got.dischargesByDept).toEqual(want.dischargesByDept);
    expect(got.finderDischarges).toBe(Object.values(want.dischargesByDept).reduce((a, b) => a + b, 0));
    // 在院 / 通知出院 / 入院登记 stays load as their own states; cancelled ones never as discharges.
    expect(got.staysByState).toEqual(Object.fromEntries(Object.entries(want.staysByState).map(([zt, c]) => [STAY_STATE[zt], c])));
    expect(Object.keys(got.staysByState).sort()).toEqual(['admitted', 'cancelled', 'discharge_notified', 'discharged', 'in_hospital']);
    expect(got.visitsByDeptStatus).toEqual(
      Object.fromEntries(Object.entries(want.visitsByDeptStatus).map(([k, c]) => [k.replace(/\/1$/, '/visited').replace(/\/2$/, '/cancelled'), c])),
    );
    expect(got.deceased).toBe(want.deceased);
    expect(want.deceased).toBeGreaterThan(1);
    expect(got.diagnoses).toBe(want.diagnoses);
    expect(got.ids).toEqual(want.ids);
    expect(got.phones).toBe(want.phones);
    expect(got.rejected).toEqual(want.rejected);
    // Merges, the chain A → B → C included, end on the final survivor with all their encounters.
    expect(got.mergedInto).toEqual(new Map([...want.merges].map(([o, s]) => [o, got.idOf.get(s)])));
    expect(want.merges.get('10000011')).toBe('10000013');
    for (const o of want.merges.keys()) expect(got.perPatient[String(got.idOf.get(o))]).toBeUndefined();
    for (const s of new Set(want.merges.values())) expect(got.perPatient[String(got.idOf.get(s))]).toBe(want.encountersOf[s]);

    clock.set('2026-07-01 10:00:00');
    const again = await sync(true);
    for (const [entity, c] of Object.entries(again.counts))
      expect({ entity, inserted: c.inserted, updated: c.updated }).toEqual({ entity, inserted: 0, updated: 0 });
    const after = await actualCounts(store);
    expect({ ...after, idOf: null }).toEqual({ ...got, idOf: null });
  });

  it('stops on a misspelled alias in the SQL instead of rejecting every stay (issue 12, finding 4)', async () => {
    const dir = path.join(tempDir('his-b-misspelled'), 'profile');
    fs.cpSync(path.resolve(__dirname, '../fixtures/his-b/profile'), dir, { recursive: true });
    const sql = path.join(dir, 'inpatient_stays.sql');
    fs.writeFileSync(sql, fs.readFileSync(sql, 'utf8').replace('AS discharge_dept_code', 'AS discharge_dept'));
    const rejectedBefore = await store.knex('rejected_rows').count({ n: '*' });
    const source = await openHisSource(hisDb.connection);
    try {
      const run = await runSync(store, source, loadProfile(dir), clock, { full: true });
      expect(run.status).toBe('failed');
      expect(run.error).toContain('discharge_dept_code');
      expect(run.error).toContain('the SQL returns discharge_dept: misspelled?');
    } finally {
      await source.close();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
    expect(await store.knex('rejected_rows').count({ n: '*' })).toEqual(rejectedBefore);
  });

  it('catches a diagnosis coded late within the 30-day window without --full (§9)', async () => {
    const s = (x: string) => (sourceKind === 'pg' ? x.toLowerCase() : x);
    // A recent discharge and one from months ago, both loaded; neither stay row changes.
    const pick = async (recent: boolean) =>
      Number(
        (
          await store
            .knex('encounters')
            .where({ source_system: 'hisb', kind: 'inpatient', status: 'discharged' })
            .where('event_date', recent ? '>=' : '<', recent ? '2026-06-10' : '2026-04-01')
            .orderBy('id')
            .first()
        ).source_id,
      );
    const [recent, old] = [await pick(true), await pick(false)];
    for (const z of [recent, old])
      await hisDb.knex(s('ZY_ZDXX')).insert({ [s('ZYXH')]: z, [s('XH')]: 9, [s('ZDLX')]: '次', [s('ICD10')]: 'E78.500', [s('ZDMC')]: '高脂血症' });
    const coded = async (z: number) =>
      n(
        (
          await store
            .knex('diagnoses as x')
            .join('encounters as e', 'e.id', 'x.encounter_id')
            .where({ 'e.source_id': String(z), 'x.code_raw': 'E78.500' })
            .count({ c: '*' })
        )[0].c,
      );

    clock.set('2026-07-02 09:00:00');
    const run = await sync();
    expect(run.counts.inpatient_diagnoses.updated).toBeGreaterThan(0);
    expect(run.counts.patients.updated).toBe(0);
    expect(await coded(recent)).toBe(1);
    // Coded longer after discharge than the window: only --full reads it, as the reference says.
    expect(await coded(old)).toBe(0);
    clock.set('2026-07-02 10:00:00');
    await sync(true);
    expect(await coded(old)).toBe(1);
  });

  it.runIf(sourceKind === 'sqlite' && storeKind === 'sqlite')('passes `his check` with no problems', async () => {
    const source = await openHisSource(hisDb.connection);
    try {
      const report = await checkProfile(source, profile, clock, { days: 30, store });
      expect(report.entities.flatMap((e) => e.problems)).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await source.close();
    }
  });
});
