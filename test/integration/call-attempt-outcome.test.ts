import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { lastAttemptQuery } from '../../src/main/tasks/row-extras';
import type { QueueRow } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { fixedClock } from '../helpers/his';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// A softphone call from the follow-up screen: the attempt logged with the suggested outcome
// takes the outcome the nurse confirms (in either order), and the queue row shows the last dial.

describe.each(STORE_KINDS)('call outcomes on follow-up attempts on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let dataDir: string;
  let amy: User;
  const clock = fixedClock('2026-07-01 09:00:00');
  let dispatch: TestDispatch;
  const phone = (patientId: number, number: string) => store.knex('phones').where({ patient_id: patientId, number }).first();
  const attemptOf = (callId: number) => store.knex('attempts').where({ call_id: callId }).first();

  /** A claimed day-7 task of a new patient. */
  async function claimed(name: string, number: string): Promise<{ taskId: number; patientId: number }> {
    const patientId = await makePatient(store.knex, { name, phones: [number] });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-24' });
    await runFollowupCycle(store, clock, moodQuestionnaire());
    const { id } = await store.knex('tasks').where({ patient_id: patientId, kind: 'followup' }).first('id');
    await claimTask(store, Number(id), amy, { today: '2026-07-01', now: '2026-07-01 09:00:00' });
    return { taskId: Number(id), patientId };
  }
  /** An outbound call that ended as the softphone reports it; taskId as the dial button passes it. */
  async function call(number: string, taskId: number | null, suggested: string): Promise<number> {
    const { callId } = await dispatch(amy, 'calls.start', { direction: 'outbound', number, taskId });
    await dispatch(amy, 'calls.end', { callId, endedBy: 'remote', reason: 'rejected', sipCode: 486, outcome: suggested });
    return callId;
  }
  const log = (taskId: number, number: string, outcome: string, callId: number, startedAt = '2026-07-01 09:00:00') =>
    dispatch(amy, 'followup.logAttempt', { taskId, phoneNumber: number, outcome, callId, startedAt });

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    dataDir = tempDir('followup-outcome');
    dispatch = ipcDispatch(store, clock, dataDir);
    [amy] = await makeUsers(store.knex, 1);
    await livePlan(store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] }));
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('corrects the logged attempt and the number history when the nurse confirms another outcome', async () => {
    const { taskId, patientId } = await claimed('结果甲', '13922220001');
    const callId = await call('13922220001', taskId, 'busy');
    await log(taskId, '13922220001', 'busy', callId);
    expect(await phone(patientId, '13922220001')).toMatchObject({ fail_count: 1, success_count: 0, wrong_number: 0 });

    await dispatch(amy, 'calls.setOutcome', { callId, outcome: 'wrong_number' });
    expect(await attemptOf(callId)).toMatchObject({ task_id: taskId, outcome: 'wrong_number' });
    expect(await phone(patientId, '13922220001')).toMatchObject({ fail_count: 1, success_count: 0, wrong_number: 1 });
    expect(await store.knex('calls').where({ id: callId }).first()).toMatchObject({ task_id: taskId, outcome: 'wrong_number', outcome_confirmed: 1 });

    // Corrected again (it was him after all): connected, the wrong-number mark goes.
    await dispatch(amy, 'calls.setOutcome', { callId, outcome: 'connected' });
    expect(await attemptOf(callId)).toMatchObject({ outcome: 'connected' });
    expect(await phone(patientId, '13922220001')).toMatchObject({ fail_count: 0, success_count: 1, wrong_number: 0 });
    expect((await store.knex('patients').where({ id: patientId }).first()).last_contact_date).toBe('2026-07-01');
    expect((await dispatch(amy, 'followup.open', { taskId })).attempts).toMatchObject([{ callId, outcome: 'connected' }]);
  });

  it('logs the confirmed outcome when the confirmation arrives first, and links a call dialled outside the task', async () => {
    const { taskId, patientId } = await claimed('结果乙', '13922220002');
    const callId = await call('13922220002', null, 'busy');
    await dispatch(amy, 'calls.setOutcome', { callId, outcome: 'no_answer' });
    const { attempt } = await log(taskId, '13922220002', 'busy', callId);
    expect(attempt).toMatchObject({ callId, outcome: 'no_answer' });
    expect(await store.knex('calls').where({ id: callId }).first()).toMatchObject({ task_id: taskId, outcome: 'no_answer' });
    expect(await phone(patientId, '13922220002')).toMatchObject({ fail_count: 1, wrong_number: 0 });
  });

  it('takes back an attempt confirmed as no dial result (cancelled, failed)', async () => {
    const { taskId, patientId } = await claimed('结果丙', '13922220003');
    const callId = await call('13922220003', taskId, 'invalid_number');
    await log(taskId, '13922220003', 'invalid_number', callId);
    expect(await phone(patientId, '13922220003')).toMatchObject({ fail_count: 1, wrong_number: 1 });
    await dispatch(amy, 'calls.setOutcome', { callId, outcome: 'failed' });
    expect(await attemptOf(callId)).toBeUndefined();
    expect(await phone(patientId, '13922220003')).toMatchObject({ fail_count: 0, wrong_number: 0 });
  });

  it('shows each queue row its last dial (time and outcome)', async () => {
    const { taskId } = await claimed('结果丁', '13922220004');
    const first = await call('13922220004', taskId, 'no_answer');
    await log(taskId, '13922220004', 'no_answer', first, '2026-07-01 09:05:00');
    const second = await call('13922220004', taskId, 'busy');
    await log(taskId, '13922220004', 'busy', second, '2026-07-01 09:10:00');
    const rows: QueueRow[] = (await dispatch(amy, 'tasks.queue', { scope: 'mine', pageSize: 200 })).rows;
    expect(rows.find((r) => r.id === taskId)?.lastAttempt).toEqual({ at: '2026-07-01 09:10:00', outcome: 'busy' });
    await dispatch(amy, 'calls.setOutcome', { callId: second, outcome: 'powered_off' });
    const again: QueueRow[] = (await dispatch(amy, 'tasks.queue', { scope: 'mine', pageSize: 200 })).rows;
    expect(again.find((r) => r.id === taskId)?.lastAttempt).toEqual({ at: '2026-07-01 09:10:00', outcome: 'powered_off' });
    // Her other tasks, from the tests above: the attempt taken back leaves none.
    expect(Object.fromEntries(again.map((r) => [r.patientName, r.lastAttempt?.outcome ?? null]))).toEqual({
      结果甲: 'connected',
      结果乙: 'no_answer',
      结果丙: null,
      结果丁: 'powered_off',
    });
  });

  it("keeps a call on its task's patient: another patient's task is refused, a task alone brings its patient", async () => {
    const a = await claimed('任务甲', '13922220031');
    const b = await claimed('任务乙', '13922220032');
    const callRow = (callId: number) => store.knex('calls').where({ id: callId }).first('patient_id', 'task_id');
    const before = Number((await store.knex('calls').count({ n: '*' }))[0].n);
    await expect(
      dispatch(amy, 'calls.start', { direction: 'outbound', number: '13922220031', patientId: a.patientId, taskId: b.taskId }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`task ${b.taskId}`) });
    expect(Number((await store.knex('calls').count({ n: '*' }))[0].n)).toBe(before);

    const { callId } = await dispatch(amy, 'calls.start', { direction: 'outbound', number: '13922220031', taskId: a.taskId });
    expect(await callRow(callId)).toMatchObject({ patient_id: a.patientId, task_id: a.taskId });
    // Another patient's task, the patient left as it is: refused, nothing changed.
    await expect(dispatch(amy, 'calls.link', { callId, taskId: b.taskId })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await callRow(callId)).toMatchObject({ patient_id: a.patientId, task_id: a.taskId });
    // Moved to the other patient with that patient's task; then to no task at all.
    await dispatch(amy, 'calls.link', { callId, patientId: b.patientId, taskId: b.taskId });
    expect(await callRow(callId)).toMatchObject({ patient_id: b.patientId, task_id: b.taskId });
    await dispatch(amy, 'calls.link', { callId, taskId: null });
    expect(await callRow(callId)).toMatchObject({ patient_id: b.patientId, task_id: null });
  });

  it.skipIf(kind !== 'sqlite')('reads the last attempts of a page from the attempts(task_id) index (EXPLAIN)', async () => {
    const { sql, bindings } = lastAttemptQuery(store.knex, [1, 2, 3]).toSQL();
    const plan = ((await store.knex.raw(`explain query plan ${sql}`, bindings as never[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX attempts_task_id_index/);
    expect(plan).not.toMatch(/SCAN attempts|SCAN a\b/);
  });
});
