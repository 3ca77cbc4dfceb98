import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { savePlan, activatePlan } from '../../src/main/plans/repo';
import { flagNewCriticalValues, satisfyByHisVisits, stopPlansOfDeceased } from '../../src/main/plans/his-events';
import { planDefinitionSchema } from '../../src/shared/plans/schema';
import type { Store } from '../../src/main/store/store';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { livePlan, makeDept, makeEncounter, makePatient, moodQuestionnaire, planDef } from '../helpers/followup';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const his = makeDemoHis(400, 21);
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));
const lib = moodQuestionnaire();

describe.each(STORE_KINDS)('follow-up task generation on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const clock = fixedClock('2026-07-01 09:00:00');
  const count = async (table: string, where: Record<string, unknown> = {}) => Number((await store.knex(table).where(where).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    expect((await syncOnce(store, his.file, clock)).status).toBe('ok');
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('enrols discharges, records the rule, and generates tasks idempotently and incrementally', async () => {
    clock.set('2026-07-01 09:00:00');
    const { planId } = await livePlan(
      store.knex,
      clock,
      planDef({ enrolment: { rules: [{ id: 'all-inpatients', label: '全部出院', encounterKind: 'inpatient' }], lookbackDays: 60 } }),
    );
    const first = await runFollowupCycle(store, clock, lib);
    expect(first.enrolled).toBeGreaterThan(10);
    const en = await store.knex('enrolments').where({ plan_id: planId }).first();
    expect(en.matched_rule).toMatch(/^全部出院 \(all-inpatients\): 出院 \d{4}-\d{2}-\d{2}/);
    // Day-7 points whose window is still open or ahead; day-30 points only once their window nears.
    const tasks1 = await count('tasks');
    expect(first.tasksCreated).toBe(tasks1);
    expect(tasks1).toBeGreaterThan(0);
    const again = await runFollowupCycle(store, clock, lib);
    expect(again).toMatchObject({ enrolled: 0, tasksCreated: 0 });
    expect(again.enrolmentsScanned).toBe(0); // nothing is due: incremental, not a rescan
    expect(await count('tasks')).toBe(tasks1);

    clock.set('2026-07-20 09:00:00');
    const later = await runFollowupCycle(store, clock, lib);
    expect(later.tasksCreated).toBeGreaterThan(0);
    expect(later.enrolmentsScanned).toBeLessThan(first.enrolled + later.enrolled + 1);
    expect(await count('tasks')).toBe(tasks1 + later.tasksCreated);
    expect((await runFollowupCycle(store, clock, lib)).tasksCreated).toBe(0);
    // One task per (enrolment, track, point, kind), with its dates from the anchor.
    const dup = await store
      .knex('tasks')
      .select('enrolment_id', 'track_id', 'point_index')
      .count({ n: '*' })
      .groupBy('enrolment_id', 'track_id', 'point_index')
      .having(store.knex.raw('count(*) > 1'));
    expect(dup).toEqual([]);
    const sample = await store
      .knex('tasks as t')
      .join('enrolments as e', 'e.id', 't.enrolment_id')
      .where('t.point_index', 0)
      .first('t.due_date', 'e.anchor_date', 't.window_start', 't.window_end', 't.questionnaire_version');
    const d = new Date(`${sample.anchor_date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7);
    expect(sample.due_date).toBe(d.toISOString().slice(0, 10));
    expect(sample.questionnaire_version).toBe(1);
  });

  it('keeps enrolments on the version they were made with when the plan is edited', async () => {
    const plan = await store.knex('plans').where({ code: 'post-discharge' }).first();
    const v1 = await store.knex('plan_versions').where({ plan_id: plan.id, version: 1 }).first();
    const before = await count('enrolments', { plan_version_id: v1.id });
    const edited = planDefinitionSchema.parse(
      planDef({ name: '出院随访 v2', tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 3 } }] }] }),
    );
    const saved = await savePlan(store.knex, clock, 'head', edited);
    expect(saved).toMatchObject({ planId: Number(plan.id), version: 2, created: false });
    await savePlan(store.knex, clock, 'head', edited); // editing the open draft again keeps version 2
    await activatePlan(store.knex, clock, Number(plan.id), 2);
    expect((await store.knex('plan_versions').where({ id: v1.id }).first()).status).toBe('retired');
    expect(JSON.parse((await store.knex('plan_versions').where({ id: v1.id }).first()).definition).tracks[0].points).toHaveLength(2);
    const p = await makePatient(store.knex, { name: '新病人' });
    await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: '2026-07-19' });
    await runFollowupCycle(store, clock, lib);
    expect(await count('enrolments', { plan_version_id: v1.id })).toBe(before);
    const fresh = await store.knex('enrolments').where({ patient_id: p }).first();
    expect(Number(fresh.plan_version_id)).not.toBe(Number(v1.id));
    expect(await store.knex('tasks').where({ enrolment_id: fresh.id }).pluck('due_date')).toEqual(['2026-07-22']);
  });

  it('marks a point satisfied when the HIS shows a visit inside its window', async () => {
    clock.set('2026-07-20 09:00:00');
    const dept = await makeDept(store.knex, '心内科随访');
    const p = await makePatient(store.knex, { name: '回院者', phones: ['13800000001'] });
    await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: '2026-07-10', deptId: dept });
    await runFollowupCycle(store, clock, lib);
    const task = await store.knex('tasks').where({ patient_id: p }).first();
    expect(task.status).toBe('pending');
    expect(await satisfyByHisVisits(store, clock)).toBe(0);
    await makeEncounter(store.knex, { patientId: p, kind: 'outpatient', date: '2026-07-12', deptId: dept });
    expect(await satisfyByHisVisits(store, clock)).toBeGreaterThanOrEqual(1);
    const after = await store.knex('tasks').where({ id: task.id }).first();
    expect(after.status).toBe('satisfied');
    expect(after.satisfied_reason).toContain('2026-07-12 门诊 · 心内科随访');
  });

  it('stops every plan of a patient the HIS reports dead', async () => {
    clock.set('2026-07-20 09:00:00');
    await livePlan(store.knex, clock, planDef({ code: 'second-plan', name: '第二方案' }));
    const p = await makePatient(store.knex, { name: '病故者' });
    await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: '2026-07-15' });
    await runFollowupCycle(store, clock, lib);
    expect(await count('enrolments', { patient_id: p, status: 'active' })).toBe(2);
    await store.knex('patients').where({ id: p }).update({ deceased: 1, death_date: '2026-07-18' });
    expect(await stopPlansOfDeceased(store, clock)).toBe(2);
    expect(await count('enrolments', { patient_id: p, status: 'active' })).toBe(0);
    expect(await count('tasks', { patient_id: p, status: 'pending' })).toBe(0);
    expect((await store.knex('patients').where({ id: p }).first()).vital_status).toBe('deceased');
    // Never enrolled again.
    await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: '2026-07-19' });
    expect((await runFollowupCycle(store, clock, lib)).enrolled).toBe(0);
  });

  it('puts critical values first: at enrolment, and when a new one arrives', async () => {
    clock.set('2026-07-20 09:00:00');
    await livePlan(
      store.knex,
      clock,
      planDef({
        code: 'checkup',
        name: '体检随访',
        enrolment: { rules: [{ id: 'critical', encounterKind: 'checkup', critical: true }], lookbackDays: 14 },
        tracks: [{ id: 'notify', name: '告知', anchor: 'checkup', points: [{ at: { days: 1 }, window: { before: 1, after: 6 } }] }],
      }),
    );
    const p = await makePatient(store.knex, { name: '危急值' });
    await makeEncounter(store.knex, { patientId: p, kind: 'checkup', date: '2026-07-19', critical: 2 });
    await runFollowupCycle(store, clock, lib);
    expect(await store.knex('tasks').where({ patient_id: p }).first()).toMatchObject({ critical: 1, priority: 0, colour: 'red' });

    const q = await makePatient(store.knex, { name: '新危急值' });
    await makeEncounter(store.knex, { patientId: q, kind: 'inpatient', date: '2026-07-16' });
    await runFollowupCycle(store, clock, lib);
    expect(await store.knex('tasks').where({ patient_id: q, critical: 1 })).toEqual([]);
    await makeEncounter(store.knex, { patientId: q, kind: 'checkup', date: '2026-07-20', critical: 1, firstSeenAt: '2026-07-20 08:00:00' });
    expect(await flagNewCriticalValues(store, clock, '2026-07-20 07:00:00')).toBeGreaterThanOrEqual(1);
    expect(await store.knex('tasks').where({ patient_id: q, kind: 'followup', status: 'pending' }).first()).toMatchObject({
      critical: 1,
      priority: 0,
      priority_reason: '新危急值 2026-07-20 (new critical value)',
    });
  });
});
