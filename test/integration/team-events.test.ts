import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../src/shared/contract';
import { createApp, type App } from '../../src/main/app';
import { loadConfig } from '../../src/main/config';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, tempDir, type TestStore } from '../helpers/stores';

// Two workstations on one PostgreSQL: what a nurse does at one reaches the other's queue within a
// second (LISTEN/NOTIFY), including after the listening connection was killed.

type Changed = EventPayloads['tasks.changed'];

describe('team events on PostgreSQL', () => {
  let t: TestStore;
  let a: App, b: App;
  const clock = fixedClock('2026-07-01 09:00:00');
  const heard: Changed[] = [];
  const next = (since: number, ms = 1000) =>
    new Promise<Changed>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`no tasks.changed within ${ms} ms`)), ms);
      const poll = setInterval(() => {
        if (heard.length > since) {
          clearTimeout(deadline);
          clearInterval(poll);
          resolve(heard[since]);
        }
      }, 5);
    });

  beforeAll(async () => {
    t = await createTestStore('pg');
    const open = () => createApp({ ...loadConfig(tempDir('team'), {}), store: t.config }, { clock, log: () => {} });
    a = await open();
    b = await open();
    b.events.subscribe((event, payload) => event === 'tasks.changed' && heard.push(payload as Changed));
    await livePlan(a.store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] }));
    for (let i = 0; i < 3; i++) {
      const p = await makePatient(a.store.knex, { name: `病人${i}` });
      await makeEncounter(a.store.knex, { patientId: p, kind: 'inpatient', date: '2026-06-25' });
    }
    await runFollowupCycle(a.store, clock, moodQuestionnaire());
    await a.store.knex('tasks').update({ available_at: '2026-06-01 00:00:00' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it("delivers one workstation's claim and release to the other, and not back to itself", async () => {
    const [nurse] = await makeUsers(a.store.knex, 1);
    const ownHeard: Changed[] = [];
    const off = a.events.subscribe((event, payload) => event === 'tasks.changed' && ownHeard.push(payload as Changed));
    const ctx = { user: nurse, token: null, transport: 'ipc' as const };
    const claimed = await a.dispatcher.dispatch(ctx, 'tasks.claimNext', {});
    expect(claimed.ok).toBe(true);
    expect(await next(0)).toMatchObject({ source: 'tasks.claimNext', origin: expect.any(String) });
    const taskId = (claimed as { result: { task: { id: number } } }).result.task.id;
    expect((await a.dispatcher.dispatch(ctx, 'tasks.release', { taskId })).ok).toBe(true);
    expect(await next(1)).toMatchObject({ source: 'tasks.release' });
    // A view (not a change) announces nothing.
    expect((await a.dispatcher.dispatch(ctx, 'tasks.queue', {})).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toHaveLength(2);
    // Its own announcements reach its own screens once, from the local bus, not echoed by PostgreSQL.
    off();
    expect(ownHeard.map((e) => [e.source, e.origin])).toEqual([
      ['tasks.claimNext', undefined],
      ['tasks.release', undefined],
    ]);
  });

  it('listens again after its connection is killed, and tells its queues to catch up', async () => {
    const before = heard.length;
    await a.store.knex.raw("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'");
    expect(await next(before, 5000)).toMatchObject({ source: 'reconnected' });
    a.events.emit('tasks.changed', { source: 'test' });
    expect(await next(before + 1, 2000)).toMatchObject({ source: 'test' });
  });
});
