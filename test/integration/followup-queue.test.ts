import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { countQueries, listQuery, queue } from '../../src/main/tasks/queue';
import { queueInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { fixedClock } from '../helpers/his';
import { livePlan, makeDept, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { testDispatcher } from '../helpers/dispatch';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

describe.each(STORE_KINDS)('the work queue on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  let head: User;
  let planId: number;
  let cardio: number;
  const clock = fixedClock('2026-07-01 09:00:00');
  const at = { today: '2026-07-01', now: '2026-07-01 09:00:00' };
  const q = (u: User, input: Record<string, unknown> = {}) => queue(store.knex, queueInput.parse(input), u, at);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    [amy] = await makeUsers(store.knex, 1);
    [head] = await makeUsers(store.knex, 1, 'head', 'head');
    cardio = await makeDept(store.knex, '心内科');
    const other = await makeDept(store.knex, '普外科');
    ({ planId } = await livePlan(store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] })));
    // Discharged Jun 20…29: due Jun 27…Jul 6 (overdue, today, upcoming).
    for (let i = 0; i < 30; i++) {
      const p = await makePatient(store.knex, { name: `病人${i}`, phones: [`1380000${String(i).padStart(4, '0')}`] });
      await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: `2026-06-${20 + (i % 10)}`, deptId: i % 2 ? cardio : other });
    }
    await runFollowupCycle(store, clock, moodQuestionnaire());
    // One critical task with a late due date must still come first.
    const latest = await store
      .knex('tasks')
      .where('window_start', '<=', '2026-07-01')
      .orderBy([
        { column: 'due_date', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('id');
    await store.knex('tasks').where({ id: latest.id }).update({ priority: 0, critical: 1, colour: 'red' });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('orders critical and red first, then by due date, with counts', async () => {
    const r = await q(amy, { pageSize: 200 });
    expect(r.rows[0].critical).toBe(true);
    const rest = r.rows.slice(1).map((x) => x.dueDate);
    expect(rest).toEqual([...rest].sort());
    expect(r.rows.every((x) => x.windowStart <= '2026-07-01')).toBe(true); // workable now
    expect(r.total).toBe(r.rows.length);
    expect(r.counts.unclaimed).toBe(r.total);
    expect(r.counts.red).toBe(1);
    expect(r.counts.dueToday).toBe((await store.knex('tasks').where({ due_date: '2026-07-01' })).length);
    expect(r.counts.overdue).toBe((await store.knex('tasks').where('due_date', '<', '2026-07-01')).length);
    expect(r.rows[0]).toMatchObject({ planName: '出院随访', trackName: '出院后', planVersion: 1, maxAttempts: 3, phone: expect.stringMatching(/^1380000/) });
  });

  it('filters by department, due and colour, and pages', async () => {
    const cardioRows = (await q(amy, { deptId: cardio, due: 'any', pageSize: 200 })).rows;
    expect(cardioRows.length).toBe(15);
    expect(cardioRows.every((r) => r.deptName === '心内科')).toBe(true);
    expect((await q(amy, { due: 'overdue', pageSize: 200 })).rows.every((r) => r.dueDate < '2026-07-01')).toBe(true);
    expect((await q(amy, { due: 'upcoming', pageSize: 200 })).rows.every((r) => r.windowStart > '2026-07-01')).toBe(true);
    expect((await q(amy, { colour: 'red' })).total).toBe(1);
    expect((await q(amy, { planId: planId + 99 })).total).toBe(0);
    const p1 = await q(amy, { due: 'any', pageSize: 7 });
    const p2 = await q(amy, { due: 'any', pageSize: 7, page: 2 });
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(14);
    await expect(q(amy, { scope: 'all' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await q(head, { scope: 'all', due: 'any', pageSize: 200 })).total).toBe(30);
  });

  it('checks roles and input in the dispatcher', async () => {
    const d = testDispatcher(store, clock, tempDir('followup-queue'));
    const ctx = (user: User) => ({ user, token: null, transport: 'http' as const });
    const save = await d.dispatch(ctx(amy), 'plans.save', { definition: planDef({ code: 'x' }) });
    expect(save).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await d.dispatch(ctx(head), 'plans.save', { definition: planDef({ code: 'x' }) })).toMatchObject({
      ok: true,
      result: { version: 1, created: true },
    });
    expect(await d.dispatch(ctx(amy), 'followup.complete', { taskId: 1, disposition: 'vanished' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const claimed = await d.dispatch(ctx(amy), 'tasks.claimNext', {});
    expect(claimed).toMatchObject({ ok: true, result: { task: { critical: true, status: 'claimed', assignee: { id: amy.id } } } });
    const id = (claimed as { result: { task: { id: number } } }).result.task.id;
    expect(await d.dispatch(ctx(amy), 'followup.open', { taskId: id })).toMatchObject({ ok: true, result: { editable: true } });
    expect(await store.knex('audit_log').where({ action: 'followup.view', user_id: amy.id }).first()).toBeTruthy();
    expect((await q(amy, { scope: 'mine' })).rows.map((r) => r.id)).toEqual([id]);
    expect(await d.dispatch(ctx(head), 'plans.preview', { planId })).toMatchObject({ ok: true, result: { encounters: 0 } });
  });

  it.skipIf(kind !== 'sqlite')('answers the queue and its counts from indexes (EXPLAIN)', async () => {
    const plan = async (b: Knex.QueryBuilder) => {
      const { sql, bindings } = b.toSQL();
      return ((await store.knex.raw(`explain query plan ${sql}`, bindings as never[])) as { detail: string }[]).map((r) => r.detail);
    };
    const ordered = (b: Knex.QueryBuilder) =>
      b
        .select('t.id')
        .orderBy([{ column: 't.priority' }, { column: 't.due_date' }, { column: 't.id' }])
        .limit(50);
    const mineList = (await plan(ordered(listQuery(store.knex, queueInput.parse({ scope: 'mine' }), amy, at)))).join(' | ');
    expect(mineList).toMatch(/tasks_claimed/);
    expect(mineList).toMatch(/tasks_(callbacks|kept)/); // either tiny set of kept callbacks
    for (const input of [{}, { planId }, { deptId: cardio }, { due: 'overdue' }, { due: 'today' }, { colour: 'red', due: 'any' }]) {
      const details = await plan(ordered(listQuery(store.knex, queueInput.parse(input), amy, at)));
      expect(
        details.some((d) => /^SCAN t$/.test(d)),
        `${JSON.stringify(input)}: ${details.join(' | ')}`,
      ).toBe(false);
      expect(
        details.some((d) => /USING (COVERING )?INDEX tasks_open/.test(d)),
        `${JSON.stringify(input)}: ${details.join(' | ')}`,
      ).toBe(true);
      expect(
        details.some((d) => /TEMP B-TREE/.test(d)),
        `${JSON.stringify(input)}: ${details.join(' | ')}`,
      ).toBe(false);
    }
    for (const [name, qs] of Object.entries(countQueries(store.knex, { channel: 'call', planId }, amy, at)))
      for (const b of qs) {
        const details = (await plan(b.count({ n: '*' }))).join(' | ');
        expect(details, name).toMatch(/USING (COVERING )?INDEX tasks_(open|claimed|callbacks|team|kept)/);
      }
    // "Unclaimed" is a range of available_at, not a pass over every open task.
    const [team, kept] = countQueries(store.knex, { channel: 'call' }, amy, at).unclaimed;
    expect((await plan(team.count({ n: '*' }))).join(' | ')).toMatch(/INDEX tasks_team \(channel=\? AND available_at<\?\)/);
    expect((await plan(kept.count({ n: '*' }))).join(' | ')).toMatch(/INDEX tasks_kept \(channel=\? AND available_at<\?\)/);
  });

  it('counts the team totals right beside claimed and kept tasks', async () => {
    // An overdue task claimed, one kept for amy's callback, one kept but already shown to the team.
    const [a, b, c] = await store.knex('tasks').where({ status: 'pending' }).where('due_date', '<=', at.today).orderBy('id').limit(3).pluck('id');
    await store.knex('tasks').where({ id: a }).update({ status: 'claimed', assignee_id: head.id, claimed_at: at.now });
    await store.knex('tasks').where({ id: b }).update({ reserved_for: amy.id, callback_at: at.now, visible_to_team_at: '2026-07-01 10:00:00' });
    await store.knex('tasks').where({ id: c }).update({ reserved_for: amy.id, callback_at: at.now, visible_to_team_at: '2026-07-01 08:00:00' });
    const listed = async (input: Record<string, unknown>) => Number((await listQuery(store.knex, queueInput.parse(input), amy, at).count({ n: '*' }))[0].n);
    for (const input of [{ due: 'overdue' }, { due: 'today' }, { due: 'overdue', deptId: cardio }, { due: 'today', planId }, {}, { due: 'any' }]) {
      const r = await q(amy, { ...input, pageSize: 200 });
      expect(r.total, JSON.stringify(input)).toBe(await listed(input));
      expect(r.rows.length, JSON.stringify(input)).toBe(r.total);
      expect(
        r.rows.some((x) => x.id === a || x.id === b),
        JSON.stringify(input),
      ).toBe(false);
    }
    expect((await q(amy, { pageSize: 200 })).counts.unclaimed).toBe(await listed({}));
  });
});
