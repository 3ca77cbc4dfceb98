import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { completeFollowup } from '../../src/main/tasks/complete';
import { completeInput, type QueueRow } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { fixedClock } from '../helpers/his';
import { livePlan, makeDept, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { beijingTimestamp } from '../../src/shared/beijing-time';

// Missed incoming calls become callback tasks in the work queue (calls.end → the missed-call
// hook → tasks/callback-task.ts), once per call and once per patient with an open callback.

const lib = moodQuestionnaire();

describe.each(STORE_KINDS)('missed calls to callback tasks on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let dataDir: string;
  let amy: User;
  let bob: User;
  let head: User;
  let dept: number;
  const clock = fixedClock('2026-07-01 09:00:00');
  const now = () => beijingTimestamp(clock.now());
  let dispatch: TestDispatch;

  /** A patient discharged on Jun 28, so enrolled with a day-7 follow-up task. */
  async function enrolledPatient(name: string, phones: string[]): Promise<number> {
    const patientId = await makePatient(store.knex, { name, phones });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-28', deptId: dept });
    await runFollowupCycle(store, clock, lib);
    return patientId;
  }
  /** The softphone's reports for an incoming call nobody answered. */
  async function missedCall(number: string, by = amy, before?: (callId: number) => Promise<void>): Promise<number> {
    const { callId } = await dispatch(by, 'calls.start', { direction: 'inbound', number });
    await before?.(callId);
    const rec = await dispatch(by, 'calls.end', { callId, endedBy: 'remote', reason: 'remote_cancel', sipCode: 487 });
    expect(rec.missed).toBe(true);
    return callId;
  }
  const callbacksOf = (patientId: number) => store.knex('tasks').where({ patient_id: patientId, kind: 'callback' }).orderBy('id');
  const teamQueue = async (user = amy): Promise<QueueRow[]> => (await dispatch(user, 'tasks.queue', { scope: 'team', pageSize: 200 })).rows;

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    dataDir = tempDir('followup-missed');
    dispatch = ipcDispatch(store, clock, dataDir);
    [amy, bob] = await makeUsers(store.knex, 2);
    [head] = await makeUsers(store.knex, 1, 'head', 'head');
    // The head answers for the patients' department: she sees their tasks (src/main/auth/access.ts).
    dept = await makeDept(store.knex, '心内科');
    await store.knex('user_departments').insert({ user_id: head.id, dept_id: dept });
    await livePlan(
      store.knex,
      clock,
      planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'mood' }, points: [{ at: { days: 7 } }] }] }),
    );
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts one callback task, due now, in the team queue with its reason; a repeated report or a second call adds none', async () => {
    clock.set('2026-07-01 09:00:00');
    const patientId = await enrolledPatient('回电甲', ['13911110001']);
    // The caller ID as the gateway sends it: +86 and spaces.
    const callId = await missedCall('+86 139 1111 0001');
    const [task] = await callbacksOf(patientId);
    expect(await callbacksOf(patientId)).toHaveLength(1);
    expect(task).toMatchObject({ status: 'pending', channel: 'call', due_date: '2026-07-01', reserved_for: null, priority: 1 });
    expect([task.available_at, task.callback_at, task.visible_to_team_at]).toEqual(Array(3).fill('2026-07-01 09:00:00'));
    expect(task.note).toBe('未接来电 2026-07-01 09:00:00 +8613911110001 (missed call)');

    const row = (await teamQueue()).find((r) => r.id === Number(task.id));
    expect(row).toMatchObject({
      kind: 'callback',
      trackName: '回拨',
      trackNameEn: 'Callback',
      patientId,
      callbackAt: '2026-07-01 09:00:00',
      lastAttempt: null,
      missedCall: { at: '2026-07-01 09:00:00', number: '+8613911110001', count: 1 },
    });
    // A head sees the caller's number masked, as every number in the queue.
    const headRow = (await dispatch(head, 'tasks.queue', { scope: 'all', pageSize: 200 })).rows.find((r: QueueRow) => r.id === Number(task.id));
    expect(headRow.missedCall.number).toBe('+86*******0001');
    expect((await dispatch(amy, 'tasks.queue', { kind: 'callback' })).rows.map((r: QueueRow) => r.id)).toEqual([Number(task.id)]);
    expect((await dispatch(amy, 'tasks.queue', { callback: 'only' })).counts.callbacksDue).toBeGreaterThanOrEqual(1);
    // The missed call stays listed, now with the patient's name.
    expect((await dispatch(amy, 'calls.list', { missedOnly: true })).find((c: { id: number }) => c.id === callId)).toMatchObject({
      patientId,
      patientName: '回电甲',
    });

    // The same end reported again (a reconnect), and the same call reported by a second workstation.
    await dispatch(amy, 'calls.end', { callId, endedBy: 'remote', reason: 'remote_cancel', sipCode: 487 });
    clock.set('2026-07-01 09:20:00');
    await missedCall('13911110001', bob);
    expect(await callbacksOf(patientId)).toHaveLength(1);
    const noted = await store.knex('tasks').where({ id: task.id }).first();
    expect(noted.note.split('\n')).toEqual([
      '未接来电 2026-07-01 09:00:00 +8613911110001 (missed call)',
      '未接来电 2026-07-01 09:20:00 13911110001 (missed call)',
    ]);
    expect(await store.knex('missed_call_callbacks').where({ task_id: task.id }).pluck('call_id')).toHaveLength(2);
    expect((await teamQueue()).find((r) => r.id === Number(task.id))?.missedCall).toEqual({ at: '2026-07-01 09:20:00', number: '13911110001', count: 2 });

    // Worked like any task: claimed, opened, closed.
    await claimTask(store, Number(task.id), amy, { today: '2026-07-01', now: now() });
    expect((await dispatch(amy, 'followup.open', { taskId: Number(task.id) })).task).toMatchObject({ kind: 'callback', missedCall: { count: 2 } });
    const done = await completeFollowup(store, lib, amy, completeInput.parse({ taskId: Number(task.id), disposition: 'completed', note: '已回电' }), now());
    expect(done.status).toBe('done');
    // Once it is done, the next missed call gets a new callback task.
    clock.set('2026-07-01 10:00:00');
    await missedCall('13911110001');
    expect((await callbacksOf(patientId)).map((x) => x.status)).toEqual(['done', 'pending']);
  });

  it('creates no task for an unknown number or an answered call', async () => {
    clock.set('2026-07-01 11:00:00');
    const patientId = await enrolledPatient('回电乙', ['13911110002']);
    const before = await store.knex('tasks').where({ kind: 'callback' }).count({ n: '*' });
    const unknown = await missedCall('13099998888');
    expect((await dispatch(amy, 'calls.list', { missedOnly: true })).map((c: { id: number }) => c.id)).toContain(unknown);
    expect(await store.knex('missed_call_callbacks').where({ call_id: unknown }).first()).toBeUndefined();

    const { callId } = await dispatch(amy, 'calls.start', { direction: 'inbound', number: '13911110002' });
    await dispatch(amy, 'calls.answered', { callId });
    expect((await dispatch(amy, 'calls.end', { callId, endedBy: 'remote', reason: 'bye' })).missed).toBe(false);
    expect(await callbacksOf(patientId)).toHaveLength(0);
    expect(await store.knex('tasks').where({ kind: 'callback' }).count({ n: '*' })).toEqual(before);
  });

  it('does not guess between patients sharing a number, unless the nurse picked the caller', async () => {
    clock.set('2026-07-01 12:00:00');
    const a = await enrolledPatient('同号甲', ['13911110003']);
    const b = await enrolledPatient('同号乙', ['13911110004', '13911110003']);
    await missedCall('13911110003');
    expect([...(await callbacksOf(a)), ...(await callbacksOf(b))]).toHaveLength(0);
    // Picked on the screen pop while it rang (calls.link): that patient gets the callback.
    await missedCall('13911110003', amy, async (callId) => void (await dispatch(amy, 'calls.link', { callId, patientId: b })));
    expect(await callbacksOf(a)).toHaveLength(0);
    expect(await callbacksOf(b)).toHaveLength(1);
  });

  it('keeps the callback for the nurse working on the patient, and notes the call on a booked callback', async () => {
    clock.set('2026-07-01 13:00:00');
    const held = await enrolledPatient('回电丙', ['13911110005']);
    const followup = await store.knex('tasks').where({ patient_id: held, kind: 'followup' }).first('id');
    await claimTask(store, Number(followup.id), bob, { today: '2026-07-01', now: now() });
    await missedCall('13911110005');
    expect(await callbacksOf(held)).toMatchObject([{ reserved_for: bob.id, visible_to_team_at: '2026-07-01 14:00:00' }]);

    // Bob booked a callback for 16:00; the patient calls at 13:30 and nobody answers.
    const booked = await enrolledPatient('回电丁', ['13911110006']);
    const task = await store.knex('tasks').where({ patient_id: booked, kind: 'followup' }).first('id');
    await claimTask(store, Number(task.id), bob, { today: '2026-07-01', now: now() });
    await completeFollowup(store, lib, bob, completeInput.parse({ taskId: Number(task.id), disposition: 'callback', callbackAt: '2026-07-01 16:00' }), now());
    clock.set('2026-07-01 13:30:00');
    await missedCall('13911110006');
    expect(await callbacksOf(booked)).toHaveLength(0);
    expect(await store.knex('tasks').where({ id: task.id }).first()).toMatchObject({
      reserved_for: bob.id,
      callback_at: '2026-07-01 16:00:00',
      available_at: '2026-07-01 13:30:00',
      note: '未接来电 2026-07-01 13:30:00 13911110006 (missed call)',
    });
    const mine = (await dispatch(bob, 'tasks.queue', { scope: 'mine' })).rows.find((r: QueueRow) => r.id === Number(task.id));
    expect(mine.missedCall).toMatchObject({ number: '13911110006', count: 1 });
  });

  it('leaves a patient never enrolled to the missed-call list', async () => {
    clock.set('2026-07-01 15:00:00');
    const patientId = await makePatient(store.knex, { name: '未入组', phones: ['13911110007'] });
    const callId = await missedCall('13911110007');
    expect(await store.knex('tasks').where({ patient_id: patientId })).toHaveLength(0);
    expect(await store.knex('missed_call_callbacks').where({ call_id: callId }).first()).toMatchObject({ patient_id: patientId, task_id: null });
    expect((await dispatch(amy, 'calls.list', { missedOnly: true })).find((c: { id: number }) => c.id === callId)).toMatchObject({ patientId });
  });
});
