import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../helpers/stores';
import { openReportsWorld, type ReportsWorld } from './reports-world';

// The dashboard keeps closed months' aggregates (src/main/reports/month-cache.ts). Each test
// plants a marker (应访 = 999) in every cached month, writes to one table the figures read, and
// checks that exactly the months that write touched are recomputed — and agree with a computation
// from nothing — while the others are still served from the cache.

type Dash = { metrics: { code: string; trend: { month: string; value: number | null }[] }[] };
const MARK = 999;

describe.each(STORE_KINDS)('closed-month cache on %s', (kind) => {
  let world: ReportsWorld;
  let knex: Knex;
  const dashboard = async () => (await world.call(world.users.admin, 'reports.dashboard', { month: '2026-12' })) as Dash;
  const dueByMonth = (d: Dash) => new Map(d.metrics.find((m) => m.code === 'due')!.trend.map((p) => [p.month, p.value]));
  const fromNothing = async () => {
    await knex('report_month_cache').delete();
    return dashboard();
  };
  const plantMarker = () => knex('report_month_cache').update({ aggregates: JSON.stringify({ followup: { due: MARK } }) });
  const task = (name: string) => world.fx.tasks[name];
  const patientOf = async (name: string) =>
    Number(
      (
        await knex('tasks')
          .where({ id: task(name) })
          .first('patient_id')
      ).patient_id,
    );

  beforeAll(async () => {
    world = await openReportsWorld(kind);
    knex = world.store.knex;
  });
  afterAll(() => world?.close());
  beforeEach(async () => {
    world.clock.set('2026-12-05 10:00:00');
    await fromNothing();
    await plantMarker();
  });

  it('serves closed months from the cache and the current month live', async () => {
    const due = dueByMonth(await dashboard());
    expect(due.get('2026-10')).toBe(MARK);
    expect(due.get('2026-11')).toBe(MARK);
    expect(due.get('2026-12')).toBe(0);
    expect(Number((await knex('report_month_cache').count({ n: '*' }))[0].n)).toBe(11);
  });

  const writes: [string, string[], () => Promise<unknown>][] = [
    [
      'a task closed late',
      ['2026-11'],
      async () =>
        knex('tasks')
          .where({ id: task('T6') })
          .update({ status: 'done', disposition: 'completed', completed_at: '2026-12-01 09:00:00' }),
    ],
    [
      'a dial',
      ['2026-10'],
      async () =>
        knex('attempts').insert({
          task_id: task('T11'),
          patient_id: await patientOf('T11'),
          phone_number: '13800000000',
          outcome: 'busy',
          started_at: '2026-12-01 09:00:00',
        }),
    ],
    [
      'a changed answer',
      ['2026-11'],
      () =>
        knex('responses')
          .where({ task_id: task('T1') })
          .update({ answers: JSON.stringify({ sat_overall: '2' }) }),
    ],
    [
      'an escalation reopened',
      ['2026-11'],
      () =>
        knex('escalations')
          .where({ task_id: task('T2') })
          .update({ closed_at: null, status: 'open' }),
    ],
    [
      'a booking',
      ['2026-10'],
      async () =>
        knex('appointments').insert({
          patient_id: await patientOf('T11'),
          task_id: task('T11'),
          date: '2026-12-10',
          status: 'booked',
          created_at: '2026-12-01 09:00:00',
        }),
    ],
    [
      'an SMS about a task',
      ['2026-10'],
      async () =>
        knex('messages').insert({
          provider: 'twilio',
          body: 'x',
          direction: 'outbound',
          patient_id: await patientOf('T11'),
          phone: '+8613800000009',
          status: 'delivered',
          about_task_id: task('T11'),
          created_at: '2026-12-01 09:00:00',
          updated_at: '2026-12-01 09:00:00',
        }),
    ],
    [
      'a reply to an earlier SMS',
      ['2026-11'],
      async () =>
        knex('messages').insert({
          provider: 'twilio',
          body: 'y',
          direction: 'inbound',
          patient_id: await patientOf('T2'),
          phone: '+8613800000002',
          status: 'received',
          created_at: '2026-12-01 09:00:00',
          updated_at: '2026-12-01 09:00:00',
        }),
    ],
    [
      'a plan stopped as lost',
      ['2026-10', '2026-11'],
      async () =>
        knex('enrolments')
          .where({
            id: (
              await knex('tasks')
                .where({ id: task('T11') })
                .first('enrolment_id')
            ).enrolment_id,
          })
          .update({ stop_reason: 'lost', stopped_at: '2026-12-01 09:00:00' }),
    ],
    [
      'a booked patient seen in the HIS',
      ['2026-11'],
      async () =>
        knex('encounters').insert({
          source_system: 't',
          kind: 'outpatient',
          source_id: 'cache-visit',
          patient_id: await patientOf('T2'),
          event_date: '2026-11-16',
          status: 'visited',
          row_hash: 'x',
          first_seen_at: '2026-12-01 00:00:00',
          last_synced_at: '2026-12-01 00:00:00',
        }),
    ],
  ];

  it.each(writes)('recomputes exactly the months %s touches', async (_what, touched, write) => {
    await write();
    const due = dueByMonth(await dashboard());
    const truth = dueByMonth(await fromNothing());
    for (const [month, value] of due) {
      if (month === '2026-12') continue;
      expect([month, value]).toEqual([month, touched.includes(month) ? truth.get(month) : MARK]);
    }
  });

  it('recomputes a month while "today" can still change it, and keeps it once it cannot', async () => {
    // T7 (November, claimed) now has a window ending 3 December: it turns overdue on the 4th.
    await knex('tasks')
      .where({ id: task('T6') })
      .update({ status: 'done', disposition: 'completed' });
    await knex('tasks')
      .where({ id: task('T7') })
      .update({ window_end: '2026-12-03' });
    const overdueInNovember = async () => (await dashboard()).metrics.find((m) => m.code === 'overdue')!.trend.find((p) => p.month === '2026-11')!.value;
    world.clock.set('2026-12-02 10:00:00');
    expect(await overdueInNovember()).toBe(0);
    world.clock.set('2026-12-04 10:00:00');
    expect(await overdueInNovember()).toBe(1); // a cached 0 would be wrong now
    await plantMarker();
    world.clock.set('2026-12-09 10:00:00');
    expect(dueByMonth(await dashboard()).get('2026-11')).toBe(MARK); // computed on or after the 4th: kept
  });

  it('does not keep figures that a write made while they were computed', async () => {
    await knex('report_month_cache').delete();
    let write: Promise<unknown> | null = null;
    const writeDuring = (q: { sql: string }) => {
      if (!write && /from [`"]tasks[`"] as [`"]t[`"]/.test(q.sql))
        write = knex('tasks')
          .where({ id: task('T7') })
          .update({ priority: 3 })
          .then(); // a query builder runs once then'd
    };
    knex.on('query', writeDuring);
    await dashboard().finally(() => knex.off('query', writeDuring));
    await write;
    await plantMarker();
    const due = dueByMonth(await dashboard());
    expect(due.get('2026-11')).not.toBe(MARK);
    expect(due.get('2026-10')).toBe(MARK);
  });

  it('prunes the dirty marks no entry needs', async () => {
    await knex('tasks')
      .where({ id: task('T6') })
      .update({ priority: 2 });
    expect(Number((await knex('report_dirty').count({ n: '*' }))[0].n)).toBeGreaterThan(0);
    await fromNothing();
    expect(Number((await knex('report_dirty').count({ n: '*' }))[0].n)).toBe(0);
  });
});
