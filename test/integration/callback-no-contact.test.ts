import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { completeFollowup } from '../../src/main/tasks/complete';
import { completeInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { fixedClock } from '../helpers/his';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { beijingTimestamp } from '../../src/shared/beijing-time';

// A patient who called us is not lost to follow-up: a callback of a missed call (or a booked
// callback the missed call was noted on) closed as "no contact" leaves the enrolment's
// unreachable streak alone. The plan here gives up after one unreached task, at the first try.

const lib = moodQuestionnaire();

describe.each(STORE_KINDS)('no contact on a callback of a missed call on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let dataDir: string;
  let amy: User;
  const clock = fixedClock('2026-07-01 09:00:00');
  const now = () => beijingTimestamp(clock.now());
  let dispatch: TestDispatch;

  async function enrolledPatient(name: string, phone: string): Promise<number> {
    const patientId = await makePatient(store.knex, { name, phones: [phone] });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-28' });
    await runFollowupCycle(store, clock, lib);
    return patientId;
  }
  async function missedCall(number: string): Promise<void> {
    const { callId } = await dispatch(amy, 'calls.start', { direction: 'inbound', number });
    await dispatch(amy, 'calls.end', { callId, endedBy: 'remote', reason: 'remote_cancel', sipCode: 487 });
  }
  const taskOf = async (patientId: number, kind: string) => Number((await store.knex('tasks').where({ patient_id: patientId, kind }).first('id')).id);
  /** Claimed, one unanswered dial, closed as no contact. */
  async function noContact(taskId: number, phone: string) {
    await claimTask(store, taskId, amy, { today: '2026-07-01', now: now() });
    await dispatch(amy, 'followup.logAttempt', { taskId, phoneNumber: phone, outcome: 'no_answer', startedAt: now() });
    return completeFollowup(store, lib, amy, completeInput.parse({ taskId, disposition: 'no_contact' }), now());
  }
  const standing = async (patientId: number) => ({
    patient: await store.knex('patients').where({ id: patientId }).first('lost_to_followup'),
    enrolment: await store.knex('enrolments').where({ patient_id: patientId }).first('status', 'unreachable_streak'),
  });

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    dataDir = tempDir('followup-callback-nc');
    dispatch = ipcDispatch(store, clock, dataDir);
    [amy] = await makeUsers(store.knex, 1);
    await livePlan(
      store.knex,
      clock,
      planDef({
        tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'mood' }, points: [{ at: { days: 7 } }] }],
        retry: { maxAttempts: 1, intervalHours: 24 },
        stop: { lostAfterUnreachable: 1 },
      }),
    );
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a missed-call callback task closed unreachable adds nothing to the streak and does not mark the patient lost', async () => {
    const patientId = await enrolledPatient('回拨未通甲', '13955550001');
    await missedCall('13955550001');
    const res = await noContact(await taskOf(patientId, 'callback'), '13955550001');
    expect(res).toMatchObject({ status: 'unreachable', stoppedEnrolments: 0 });
    expect(await standing(patientId)).toEqual({ patient: { lost_to_followup: 0 }, enrolment: { status: 'active', unreachable_streak: 0 } });
  });

  it('nor does a booked callback the missed call was noted on', async () => {
    clock.set('2026-07-01 10:00:00');
    const patientId = await enrolledPatient('回拨未通乙', '13955550002');
    const taskId = await taskOf(patientId, 'followup');
    await claimTask(store, taskId, amy, { today: '2026-07-01', now: now() });
    await completeFollowup(store, lib, amy, completeInput.parse({ taskId, disposition: 'callback', callbackAt: '2026-07-01 16:00' }), now());
    clock.set('2026-07-01 10:30:00');
    await missedCall('13955550002');
    expect(await store.knex('tasks').where({ patient_id: patientId, kind: 'callback' })).toHaveLength(0);
    expect(await noContact(taskId, '13955550002')).toMatchObject({ status: 'unreachable', stoppedEnrolments: 0 });
    expect(await standing(patientId)).toEqual({ patient: { lost_to_followup: 0 }, enrolment: { status: 'active', unreachable_streak: 0 } });
  });

  it('while an unreached follow-up still counts, and here stops the plan', async () => {
    clock.set('2026-07-01 11:00:00');
    const patientId = await enrolledPatient('随访未通丙', '13955550003');
    expect(await noContact(await taskOf(patientId, 'followup'), '13955550003')).toMatchObject({ status: 'unreachable', stoppedEnrolments: 1 });
    expect(await standing(patientId)).toMatchObject({ patient: { lost_to_followup: 1 }, enrolment: { unreachable_streak: 1 } });
  });
});
