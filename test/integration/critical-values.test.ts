import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { flagNewCriticalValues } from '../../src/main/plans/his-events';
import type { Store } from '../../src/main/store/store';
import { watchCriticalValues } from '../../src/main/tasks/critical-watch';
import { notCarryingUntold, QUEUE_ORDER } from '../../src/main/tasks/deadline-order';
import { listQuery, queue } from '../../src/main/tasks/queue';
import { queueInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { makeDept, makeEncounter, makePatient, makeUsers, livePlan, moodQuestionnaire, planDef } from '../helpers/followup';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// The critical-value fast lane (issue 13): a checkup's critical value gets a notification
// deadline (the HIS's report time, else when the sync saw it, + the plan's hours), the queue
// puts it first by that deadline, a missed one is escalated once, and who was told, when and
// how is recorded, required before completing, and kept "late" when it was.

describe.each(STORE_KINDS)('critical values on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  let bob: User;
  let call: TestDispatch;
  const clock = fixedClock('2026-07-19 18:00:00');
  const lib = moodQuestionnaire();
  const ids: Record<'his' | 'seen' | 'red', { patient: number; task: number }> = {} as never;
  const at = { today: '2026-07-19', now: '2026-07-19 18:00:00' };
  const rows = async (input: Record<string, unknown> = {}) => (await queue(store.knex, queueInput.parse({ due: 'any', pageSize: 50, ...input }), amy, at)).rows;

  /** A checkup yesterday with a critical potassium, reported by the HIS at `reported` (or not). */
  async function criticalCheckup(name: string, reported: string | null, seenAt: string, dept: number) {
    const patient = await makePatient(store.knex, { name, phones: ['13800001111'] });
    const enc = await makeEncounter(store.knex, { patientId: patient, kind: 'checkup', date: '2026-07-19', critical: 1, deptId: dept, firstSeenAt: seenAt });
    await store.knex('encounters').where({ id: enc }).update({ critical_seen_at: seenAt });
    await store.knex('checkup_findings').insert([
      { encounter_id: enc, seq_no: 1, item_name: '血钾', result_value: '6.8', unit: 'mmol/L', is_critical: 1, critical_reported_at: reported },
      { encounter_id: enc, seq_no: 2, item_name: '血糖', result_value: '5.1', unit: 'mmol/L', is_critical: 0 },
    ]);
    return patient;
  }

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    [amy, bob] = await makeUsers(store.knex, 2);
    call = ipcDispatch(store, clock, tempDir('critical-values'));
    const dept = await makeDept(store.knex, '健康管理中心');
    await livePlan(
      store.knex,
      clock,
      planDef({
        code: 'checkup',
        name: '体检随访',
        enrolment: { rules: [{ id: 'critical', encounterKind: 'checkup', critical: true }], lookbackDays: 14 },
        tracks: [{ id: 'notify', name: '告知', anchor: 'checkup', points: [{ at: { days: 1 }, window: { before: 1, after: 6 } }] }],
        critical: { notifyWithinHours: 6 },
      }),
    );
    const his = await criticalCheckup('报告时间', '2026-07-19 16:00:00', '2026-07-19 17:00:00', dept);
    const seen = await criticalCheckup('同步时间', null, '2026-07-19 17:30:00', dept);
    // A red warning without a critical value to tell: due earlier, but after both deadlines.
    const red = await makePatient(store.knex, { name: '红色预警', phones: ['13800002222'] });
    await makeEncounter(store.knex, { patientId: red, kind: 'checkup', date: '2026-07-18', critical: 1, deptId: dept });
    await runFollowupCycle(store, clock, lib);
    const taskOf = async (patient: number) => Number((await store.knex('tasks').where({ patient_id: patient }).first('id')).id);
    ids.his = { patient: his, task: await taskOf(his) };
    ids.seen = { patient: seen, task: await taskOf(seen) };
    ids.red = { patient: red, task: await taskOf(red) };
    await store.knex('critical_notifications').where({ task_id: ids.red.task }).delete();
    await store.knex('tasks').where({ id: ids.red.task }).update({ critical: 0 });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('times the deadline from the HIS report time, else from when the sync saw the critical value, plus the plan’s hours', async () => {
    const cn = await store.knex('critical_notifications').whereIn('task_id', [ids.his.task, ids.seen.task]).orderBy('notify_by');
    expect(cn.map((c) => [Number(c.task_id), c.result_at, c.result_source, c.notify_by])).toEqual([
      [ids.his.task, '2026-07-19 16:00:00', 'his', '2026-07-19 22:00:00'],
      [ids.seen.task, '2026-07-19 17:30:00', 'sync', '2026-07-19 23:30:00'],
    ]);
    // Once per checkup, however often it runs.
    expect(await watchCriticalValues(store.knex, clock)).toEqual({ opened: 0, escalated: 0 });
    expect(await runFollowupCycle(store, clock, lib)).toBeTruthy();
    expect(await store.knex('critical_notifications').count({ n: '*' })).toEqual([{ n: kind === 'pg' ? '2' : 2 }]);
  });

  it('puts untold critical values first, soonest deadline first, with their deadline on the row', async () => {
    const list = await rows();
    expect(list.slice(0, 3).map((r) => r.id)).toEqual([ids.his.task, ids.seen.task, ids.red.task]);
    expect(list[0].criticalDeadline).toEqual({ notifyBy: '2026-07-19 22:00:00', escalatedAt: null, toldAt: null, late: false });
    expect(list[2].criticalDeadline).toBeNull();
    // Pages continue in the same order.
    expect((await rows({ pageSize: 1, page: 2 })).map((r) => r.id)).toEqual([ids.seen.task]);
    expect((await rows({ pageSize: 1, page: 3 })).map((r) => r.id)).toEqual([ids.red.task]);
    // "Take next" takes the soonest deadline.
    const next = await call(bob, 'tasks.claimNext', {});
    expect(next.task.id).toBe(ids.his.task);
    await call(bob, 'tasks.release', { taskId: ids.his.task });
  });

  it('escalates a missed deadline exactly once, also with two workstations at it', async () => {
    clock.set('2026-07-19 22:30:00');
    expect(await watchCriticalValues(store.knex, clock)).toEqual({ opened: 0, escalated: 1 });
    expect(await watchCriticalValues(store.knex, clock)).toEqual({ opened: 0, escalated: 0 });
    clock.set('2026-07-20 00:00:00');
    // On PostgreSQL a second connection pool stands for another workstation.
    const other = kind === 'pg' ? await t.open() : store;
    try {
      const [a, b] = await Promise.all([watchCriticalValues(store.knex, clock), watchCriticalValues(other.knex, clock)]);
      expect(a.escalated + b.escalated).toBe(1);
    } finally {
      if (other !== store) await other.close();
    }
    for (const task of [ids.his.task, ids.seen.task]) {
      const esc = await store.knex('escalations').where({ task_id: task });
      expect(esc).toHaveLength(1);
      expect(esc[0]).toMatchObject({ status: 'open', created_by: null });
      const escTask = await store.knex('tasks').where({ id: esc[0].escalation_task_id }).first();
      expect(escTask).toMatchObject({ kind: 'escalation', colour: 'red', priority: 0, status: 'pending' });
      expect(escTask.priority_reason).toContain('危急值未在时限');
    }
    const [first] = await rows();
    expect(first.criticalDeadline).toMatchObject({ notifyBy: '2026-07-19 22:00:00', escalatedAt: '2026-07-19 22:30:00', toldAt: null });
  });

  it('records who was told, when and how, by the signed-in nurse; required before completing; late stays late', async () => {
    await call(amy, 'tasks.claim', { taskId: ids.his.task });
    await expect(call(amy, 'followup.complete', { taskId: ids.his.task, disposition: 'completed' })).rejects.toMatchObject({ code: 'invalid_input' });
    const told = { taskId: ids.his.task, told: 'family', method: 'phone', toldAt: '2026-07-19 23:40' };
    await expect(call(amy, 'criticalValues.recordNotification', told)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call(bob, 'criticalValues.recordNotification', { ...told, name: '李四', relation: '儿子' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call(amy, 'criticalValues.recordNotification', { ...told, toldAt: '2026-07-20 09:00', name: '李四', relation: '儿子' })).rejects.toMatchObject(
      {
        code: 'invalid_input',
      },
    );
    const out = await call(amy, 'criticalValues.recordNotification', { ...told, name: '李四', relation: '儿子' });
    expect(out.criticalValue).toMatchObject({
      taskId: ids.his.task,
      findings: ['血钾 6.8 mmol/L'],
      escalatedAt: '2026-07-19 22:30:00',
      notification: {
        told: 'family',
        name: '李四',
        relation: '儿子',
        method: 'phone',
        toldAt: '2026-07-19 23:40:00',
        late: true,
        toldBy: { id: amy.id, name: amy.displayName },
        recordedAt: '2026-07-20 00:00:00',
      },
    });
    const audit = await store.knex('audit_log').where({ action: 'criticalValue.notify' }).first();
    expect(audit).toMatchObject({ user_id: amy.id, patient_id: ids.his.patient });
    expect(JSON.parse(audit.detail)).toMatchObject({ taskId: ids.his.task, told: 'family', method: 'phone', late: true });
    expect(audit.detail).not.toContain('李四');
    await expect(call(amy, 'criticalValues.recordNotification', { ...told, name: '李四', relation: '儿子' })).rejects.toMatchObject({ code: 'conflict' });

    expect((await call(amy, 'followup.open', { taskId: ids.his.task })).criticalValue.notification.name).toBe('李四');
    await call(amy, 'followup.logAttempt', { taskId: ids.his.task, phoneNumber: '13800001111', outcome: 'connected' });
    expect(await call(amy, 'followup.complete', { taskId: ids.his.task, disposition: 'completed' })).toMatchObject({ status: 'done' });
    const timeline = await call(amy, 'patients.timeline', { patientId: ids.his.patient });
    const checkup = timeline.events.find((e: { kind: string }) => e.kind === 'checkup');
    expect(checkup.criticalValue.notification).toMatchObject({ told: 'family', name: '李四', late: true, toldBy: { name: amy.displayName } });

    // The patient told in person before the deadline: on time.
    await store.knex('critical_notifications').where({ task_id: ids.seen.task }).update({ escalated_at: null, notify_by: '2026-07-20 06:00:00' });
    await call(amy, 'tasks.claim', { taskId: ids.seen.task });
    const onTime = await call(amy, 'criticalValues.recordNotification', {
      taskId: ids.seen.task,
      told: 'patient',
      method: 'in_person',
      toldAt: '2026-07-19 23:50',
    });
    expect(onTime.criticalValue.notification).toMatchObject({ told: 'patient', name: null, relation: null, method: 'in_person', late: false });
  });

  it('puts a critical value first seen after an enrolment on the clock of that patient’s open task, 24 hours by default', async () => {
    clock.set('2026-07-20 00:00:00');
    await livePlan(store.knex, clock, planDef());
    const p = await makePatient(store.knex, { name: '出院后危急值', phones: ['13800003333'] });
    await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: '2026-07-12' });
    await runFollowupCycle(store, clock, lib);
    const task = await store.knex('tasks').where({ patient_id: p, status: 'pending' }).first('id');
    const enc = await makeEncounter(store.knex, { patientId: p, kind: 'checkup', date: '2026-07-20', critical: 1, firstSeenAt: '2026-07-20 00:30:00' });
    await store.knex('encounters').where({ id: enc }).update({ critical_seen_at: '2026-07-20 00:30:00' });
    clock.set('2026-07-20 01:00:00');
    expect(await flagNewCriticalValues(store, clock, '2026-07-20 00:15:00')).toBe(1);
    expect(await watchCriticalValues(store.knex, clock)).toEqual({ opened: 1, escalated: 0 });
    expect(await store.knex('critical_notifications').where({ encounter_id: enc }).first()).toMatchObject({
      task_id: task.id,
      result_source: 'sync',
      notify_by: '2026-07-21 00:30:00',
    });
  });

  it('reads the critical report time and when the sync first saw a critical value from the HIS', async () => {
    const demo = makeDemoHis(60, 3, '2026-07-19');
    expect(demo.summary.planted.criticalFindings.length).toBeGreaterThan(0);
    const run = await syncOnce(store, demo.file, clock);
    const planted = await store.knex('encounters').where({ source_id: demo.summary.planted.criticalFindings[0], kind: 'checkup' }).first();
    expect(planted.critical_seen_at).toBe(run.startedAt);
    const reported = await store.knex('checkup_findings').where({ encounter_id: planted.id, is_critical: 1 }).pluck('critical_reported_at');
    expect(reported.length).toBeGreaterThan(0);
    for (const r of reported) expect(r).toMatch(new RegExp(`^${planted.event_date} 15:\\d\\d:00$`));
  });
});

describe('the critical-value queue order on sqlite', () => {
  it('keeps the rest of the page an index-ordered scan of tasks_open (EXPLAIN)', async () => {
    const t = await createTestStore('sqlite');
    const store = await t.open();
    try {
      const [amy] = await makeUsers(store.knex, 1);
      const at = { today: '2026-07-19', now: '2026-07-19 18:00:00' };
      const q = notCarryingUntold(store.knex, listQuery(store.knex, queueInput.parse({}), amy, at))
        .select('t.id')
        .orderBy(QUEUE_ORDER)
        .limit(50);
      const { sql, bindings } = q.toSQL();
      const plan = ((await store.knex.raw(`explain query plan ${sql}`, bindings as never[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX tasks_open/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});
