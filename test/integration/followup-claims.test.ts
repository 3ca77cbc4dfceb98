import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { openStore, type Store } from '../../src/main/store/store';
import { claimNext, claimTask } from '../../src/main/tasks/claim';
import { fixedClock } from '../helpers/his';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

const TASKS = 300;
const CLAIMERS = 20;

describe.each(STORE_KINDS)('claiming tasks on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const clock = fixedClock('2026-07-01 09:00:00');
  const at = { today: '2026-07-01', now: '2026-07-01 09:00:00' };

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    await livePlan(store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] }));
    for (let i = 0; i < TASKS; i++) {
      const p = await makePatient(store.knex, { name: `病人${i}` });
      await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: `2026-06-${20 + (i % 10)}` });
    }
    const r = await runFollowupCycle(store, clock, moodQuestionnaire());
    expect(r.tasksCreated).toBe(TASKS);
    await store.knex('tasks').update({ available_at: '2026-06-01 00:00:00' });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it(`${CLAIMERS} concurrent claimers on separate connections never take the same task`, async () => {
    const users = await makeUsers(store.knex, CLAIMERS);
    // SQLite: one knex instance (own connection) per claimer on the same file. PostgreSQL: one
    // pool of 10 connections shared by all 20 claimers, plus a second pool, so claims race.
    const stores: Store[] =
      kind === 'sqlite' ? await Promise.all(users.map(() => openStore(t.config, { migrate: false }))) : [store, await openStore(t.config, { migrate: false })];
    try {
      const taken = new Map<number, number>();
      const dupes: number[] = [];
      await Promise.all(
        users.map(async (u, i) => {
          const s = stores[i % stores.length];
          for (;;) {
            const id = (await claimNext(s, {}, u, at))?.id ?? null;
            if (id === null) return;
            if (taken.has(id)) dupes.push(id);
            taken.set(id, u.id);
          }
        }),
      );
      expect(dupes).toEqual([]);
      expect(taken.size).toBe(TASKS);
      const rows = await store.knex('tasks').select('id', 'assignee_id', 'status');
      expect(rows.every((r: { status: string }) => r.status === 'claimed')).toBe(true);
      for (const r of rows) expect(Number(r.assignee_id)).toBe(taken.get(Number(r.id)));
      // Every claimer got work: the lock does not serialise everything onto one nurse.
      expect(new Set(taken.values()).size).toBeGreaterThan(CLAIMERS / 2);
    } finally {
      for (const s of stores) if (s !== store) await s.close();
    }
  });

  it('claims by id once, and reports who holds a task', async () => {
    await store.knex('tasks').update({ status: 'pending', assignee_id: null, claimed_at: null });
    const [a, b] = await makeUsers(store.knex, 2, 'nurse', 'pair');
    const id = Number((await store.knex('tasks').orderBy('id').first('id')).id);
    const results = await Promise.allSettled([claimTask(store, id, a, at), claimTask(store, id, b, at)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).toBe('conflict');
    expect(lost.reason.message).toMatch(/已被 护士\d 领取/);
  });
});
