import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { untilSomeoneWaits } from '../helpers/pg-locks';
import { createTestStore, tempDir, type TestStore } from '../helpers/stores';

// Found by the team soak: a nurse completing a patient's callback task while the same patient's
// next missed call is noted on that task. Completing locks the task, then the patient; the missed
// call locked the patient, then the task. PostgreSQL broke the deadlock by failing one of them
// (calls.end answered "internal error" and the call stayed open).

describe('a missed call noted on the callback task a nurse is completing, on PostgreSQL', () => {
  let t: TestStore;
  let store: Store;
  let amy: User, bob: User;
  let dispatch: TestDispatch;
  const dataDir = tempDir('callback-locks');
  const clock = fixedClock('2026-07-01 09:00:00');
  const missedCall = async (by: User) => {
    const { callId } = await dispatch(by, 'calls.start', { direction: 'inbound', number: '13911112222' });
    return dispatch(by, 'calls.end', { callId, endedBy: 'remote', reason: 'remote_cancel', sipCode: 487 });
  };

  beforeAll(async () => {
    t = await createTestStore('pg');
    store = await t.open();
    dispatch = ipcDispatch(store, clock, dataDir);
    [amy, bob] = await makeUsers(store.knex, 2);
    await livePlan(store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] }));
    const patientId = await makePatient(store.knex, { name: '回电丙', phones: ['13911112222'] });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-28' });
    await runFollowupCycle(store, clock, moodQuestionnaire());
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets both finish: the completion commits, and the second call, too late for that task, gets one of its own', async () => {
    await missedCall(amy);
    const task = await store.knex('tasks').where({ kind: 'callback' }).first('id', 'patient_id');
    await claimTask(store, Number(task.id), amy, { today: '2026-07-01', now: '2026-07-01 09:00:00' });

    // followup.complete's order (tasks/complete.ts): the task first, the patient later.
    const completing = await store.knex.transaction();
    await completing('tasks').where({ id: task.id }).update({ updated_at: '2026-07-01 09:01:00' });
    const second = missedCall(bob);
    await untilSomeoneWaits(store.knex);
    await completing('patients').where({ id: task.patient_id }).update({ last_contact_date: '2026-07-01' });
    await completing('tasks').where({ id: task.id }).update({ status: 'done', disposition: 'completed', completed_at: '2026-07-01 09:01:00' });
    await completing.commit();

    expect(await second).toMatchObject({ missed: true });
    expect(await store.knex('tasks').where({ id: task.id }).first('status')).toEqual({ status: 'done' });
    const [first, next] = (await store.knex('missed_call_callbacks').orderBy('call_id').pluck('task_id')).map(Number);
    expect(first).toBe(Number(task.id));
    expect(await store.knex('tasks').where({ id: next }).first('kind', 'status')).toEqual({ kind: 'callback', status: 'pending' });
  });

  it('gives the call its own task when the nurse put the callback back as a plain retry meanwhile', async () => {
    clock.set('2026-07-02 09:00:00');
    await store.knex('tasks').where({ kind: 'callback' }).update({ status: 'done' });
    await missedCall(amy);
    const task = await store.knex('tasks').where({ kind: 'callback', status: 'pending' }).first('id', 'patient_id', 'note');
    await claimTask(store, Number(task.id), amy, { today: '2026-07-02', now: '2026-07-02 09:00:00' });

    // No answer: complete.ts puts the task back for a retry in some hours, no longer a callback.
    const completing = await store.knex.transaction();
    await completing('tasks').where({ id: task.id }).update({ updated_at: '2026-07-02 09:01:00' });
    const second = missedCall(bob);
    await untilSomeoneWaits(store.knex);
    await completing('patients').where({ id: task.patient_id }).update({ last_contact_date: '2026-07-02' });
    await completing('tasks')
      .where({ id: task.id })
      .update({ status: 'pending', assignee_id: null, claimed_at: null, callback_at: null, available_at: '2026-07-02 13:00:00' });
    await completing.commit();

    await second;
    const retry = await store.knex('tasks').where({ id: task.id }).first('note', 'available_at');
    expect(retry).toEqual({ note: task.note, available_at: '2026-07-02 13:00:00' });
    const own = await store.knex('tasks').where({ kind: 'callback', status: 'pending' }).whereNot({ id: task.id }).first('callback_at', 'available_at');
    expect(own).toEqual({ callback_at: '2026-07-02 09:00:00', available_at: '2026-07-02 09:00:00' });
  });
});
