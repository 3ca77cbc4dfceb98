import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main/app';
import { loadConfig } from '../../src/main/config';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { QueueRow } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, tempDir, type TestStore } from '../helpers/stores';

// A patient calls in and the call rings at one workstation: within a second every other
// workstation's queue marks the patient's task as on the line with that nurse (ringing, then
// talking), its claimNext passes the task over, and the mark goes when the call ends. A call whose
// end never came (the workstation died) stops marking after the ring or talk limit.

describe('live calls across workstations on PostgreSQL', () => {
  let t: TestStore;
  let a: App, b: App;
  let amy: User, bob: User, cat: User;
  let patientId: number;
  const clock = fixedClock('2026-07-01 09:00:00');
  let heard = 0;
  const as = (app: App, user: User) => async (method: string, input: unknown) => {
    const out = await app.dispatcher.dispatch({ user, token: null, transport: 'ipc' }, method, input);
    if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
    return out.result as any;
  };
  /** Waits for the next tasks.changed at workstation B, as its queue screen does. */
  const bHears = async (since: number) => {
    const until = Date.now() + 1000;
    while (heard <= since) {
      if (Date.now() > until) throw new Error('no tasks.changed at the other workstation within 1 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const bobsRow = async (): Promise<QueueRow> => {
    const { rows } = await as(b, bob)('tasks.queue', {});
    return rows.find((r: QueueRow) => r.patientId === patientId);
  };

  beforeAll(async () => {
    t = await createTestStore('pg');
    const open = () => createApp({ ...loadConfig(tempDir('live-calls'), {}), store: t.config }, { clock, log: () => {} });
    a = await open();
    b = await open();
    b.events.subscribe((event) => event === 'tasks.changed' && (heard += 1));
    [amy, bob, cat] = await makeUsers(a.store.knex, 3);
    await livePlan(a.store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] }));
    patientId = await makePatient(a.store.knex, { name: '孙来电', phones: ['13900000123'] });
    await makeEncounter(a.store.knex, { patientId, kind: 'inpatient', date: '2026-06-25' });
    await runFollowupCycle(a.store, clock, moodQuestionnaire());
    await a.store.knex('tasks').update({ available_at: '2026-06-01 00:00:00' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('marks the patient at the other workstation while the call rings and goes on, and keeps claimNext off the task', async () => {
    const amyCalls = as(a, amy);
    const { id: taskId, liveCall } = await bobsRow();
    expect(liveCall).toBeNull();

    // The softphone reports the ringing call, then the screen pop links the caller's record.
    let since = heard;
    const { callId } = await amyCalls('calls.start', { direction: 'inbound', number: '13900000123' });
    await amyCalls('calls.link', { callId, patientId });
    await bHears(since);
    expect((await bobsRow()).liveCall).toEqual({
      nurse: { id: amy.id, name: amy.displayName },
      direction: 'inbound',
      phase: 'ringing',
      since: '2026-07-01 09:00:00',
    });
    expect((await as(b, bob)('tasks.claimNext', {})).task).toBeNull();

    since = heard;
    clock.set('2026-07-01 09:00:20');
    await amyCalls('calls.answered', { callId });
    await bHears(since);
    expect((await bobsRow()).liveCall).toMatchObject({ phase: 'talking', since: '2026-07-01 09:00:20' });
    // Amy's own call is on her softphone: her rows leave it out, and she may take the task.
    expect((await as(a, amy)('tasks.claimNext', {})).task).toMatchObject({ patientId, liveCall: null });
    await as(a, amy)('tasks.release', { taskId });

    since = heard;
    clock.set('2026-07-01 09:04:00');
    await amyCalls('calls.end', { callId, endedBy: 'remote', reason: 'bye' });
    await bHears(since);
    expect((await bobsRow()).liveCall).toBeNull();
    expect((await as(b, bob)('tasks.claimNext', {})).task).toMatchObject({ patientId, liveCall: null });
    await as(b, bob)('tasks.release', { taskId });
  });

  it('stops marking a call whose end never came: a ring after 2 minutes, a talk after 2 hours', async () => {
    const amyCalls = as(a, amy);
    clock.set('2026-07-01 10:00:00');
    const ring = (await amyCalls('calls.start', { direction: 'inbound', number: '13900000123', patientId })).callId;
    clock.set('2026-07-01 10:01:59');
    expect((await bobsRow()).liveCall).toMatchObject({ phase: 'ringing' });
    clock.set('2026-07-01 10:02:01');
    expect((await bobsRow()).liveCall).toBeNull();
    await amyCalls('calls.answered', { callId: ring });
    clock.set('2026-07-01 11:59:00');
    expect((await bobsRow()).liveCall).toMatchObject({ phase: 'talking' });
    clock.set('2026-07-01 12:00:01');
    expect((await bobsRow()).liveCall).toBeNull();
    expect((await as(b, bob)('tasks.claimNext', {})).task).toMatchObject({ patientId });
  });

  it('shows each nurse the colleague on the line, not herself, and a talking call before a ringing one', async () => {
    clock.set('2026-07-01 14:00:00');
    await a.store.knex('tasks').update({ status: 'pending', assignee_id: null, claimed_at: null });
    const rowFor = async (user: User) => ((await as(b, user)('tasks.queue', {})).rows as QueueRow[]).find((r) => r.patientId === patientId)!;
    // A ring group: the patient's call rings at Amy's and Bob's headsets at once.
    const atAmy = (await as(a, amy)('calls.start', { direction: 'inbound', number: '13900000123', patientId })).callId;
    const atBob = (await as(b, bob)('calls.start', { direction: 'inbound', number: '13900000123', patientId })).callId;
    expect((await rowFor(amy)).liveCall).toMatchObject({ nurse: { id: bob.id }, phase: 'ringing' });
    expect((await rowFor(bob)).liveCall).toMatchObject({ nurse: { id: amy.id }, phase: 'ringing' });
    // Amy answers; Bob's headset stops ringing a moment later.
    await as(a, amy)('calls.answered', { callId: atAmy });
    expect((await rowFor(cat)).liveCall).toMatchObject({ nurse: { id: amy.id }, phase: 'talking' });
    await as(b, bob)('calls.end', { callId: atBob, endedBy: 'remote', reason: 'answered elsewhere' });
    expect((await rowFor(bob)).liveCall).toMatchObject({ nurse: { id: amy.id }, phase: 'talking' });
    expect((await rowFor(amy)).liveCall).toBeNull();
    await as(a, amy)('calls.end', { callId: atAmy, endedBy: 'local', reason: 'bye' });
    expect((await rowFor(cat)).liveCall).toBeNull();
  });
});
