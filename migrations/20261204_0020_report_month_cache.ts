import type { Knex } from 'knex';

// The dashboard reads twelve months; eleven of them are closed and rarely change. Their family
// aggregates are cached (report_month_cache), and every write that could change a month's figures
// appends that month to report_dirty — by triggers, so no write path (a nurse's, the sync's
// connection, a CLI, another workstation) can forget it. A cache entry is used only while no
// dirty row of its month is at or after the mark taken before it was computed.
//
// What a month's figures read (see src/main/reports/metrics/families.ts and predicates.ts), and
// so what marks it dirty: its tasks; their attempts, responses, escalations, bookings and SMS; an
// inbound SMS (a reply to an earlier one); the stop of an enrolment (lost to follow-up); and the
// HIS encounters of a booked patient (attendance).

type Rel = string | null;
const from = (rel: Rel, ...tables: string[]) => {
  const all = [...(rel ? [rel] : []), ...tables];
  return all.length ? `from ${all.join(', ')}` : '';
};

/** For each table, the months a changed row `row` (NEW/OLD, or R over the transition table `rel`) touches, as column m. */
const sources: Record<string, (row: string, rel: Rel) => string> = {
  tasks: (row, rel) => `select substr(${row}.due_date, 1, 7) as m ${from(rel)}`,
  attempts: byTask,
  responses: byTask,
  escalations: byTask,
  appointments: byTask,
  messages: (row, rel) =>
    `select substr(t.due_date, 1, 7) as m ${from(rel, 'tasks t')} where t.id = ${row}.task_id or t.id = ${row}.about_task_id
     union select substr(t.due_date, 1, 7) as m ${from(rel, 'messages o')} join tasks t on t.id = o.task_id or t.id = o.about_task_id
       where ${row}.direction = 'inbound' and o.phone = ${row}.phone and o.direction = 'outbound'`,
  encounters: (row, rel) =>
    `select substr(t.due_date, 1, 7) as m ${from(rel, 'appointments ap')} join tasks t on t.id = ap.task_id where ap.patient_id = ${row}.patient_id`,
};

function byTask(row: string, rel: Rel): string {
  return `select substr(t.due_date, 1, 7) as m ${from(rel, 'tasks t')} where t.id = ${row}.task_id`;
}

const markDirty = (source: string, onlyCached = false) =>
  `insert into report_dirty (month) select distinct m from (${source}) s where m is not null${onlyCached ? ' and m in (select month from report_month_cache)' : ''}`;
const enrolmentStop = (row: string) => `select substr(t.due_date, 1, 7) as m from tasks t where t.enrolment_id = ${row}.id`;

export async function up(knex: Knex): Promise<void> {
  const pg = /^(pg|postgres)/.test(String(knex.client.config.client));
  await knex.schema.createTable('report_dirty', (t) => {
    // On SQLite the id is the mark (AUTOINCREMENT: never reused after pruning; one writer at a time
    // means later commits get larger ids). On PostgreSQL ids are taken before commit, so the mark is
    // the writer's transaction id, compared with the reader's snapshot xmin.
    t.increments('id');
    t.string('month', 7).notNullable();
    if (pg) t.bigInteger('xid').notNullable().defaultTo(knex.raw('txid_current()'));
    t.index(pg ? ['month', 'xid'] : ['month', 'id'], 'report_dirty_month');
  });
  await knex.schema.createTable('report_month_cache', (t) => {
    t.string('scope_key', 400).notNullable();
    t.string('month', 7).notNullable();
    t.bigInteger('since').notNullable();
    t.string('computed_on', 10).notNullable();
    t.string('stable_from', 10).notNullable();
    t.text('aggregates').notNullable();
    t.primary(['scope_key', 'month']);
  });
  if (pg) await pgTriggers(knex);
  else await sqliteTriggers(knex);
}

async function sqliteTriggers(knex: Knex): Promise<void> {
  for (const [table, source] of Object.entries(sources)) {
    for (const [event, rows] of [
      ['insert', ['NEW']],
      ['update', ['OLD', 'NEW']],
      ['delete', ['OLD']],
    ] as const) {
      const body = rows.map((row) => `${markDirty(source(row, null), true)};`).join(' ');
      await knex.raw(`create trigger report_dirty_${table}_${event} after ${event} on ${table} begin ${body} end`);
    }
  }
  await knex.raw(`create trigger report_dirty_enrolments_stop after update of stop_reason, stopped_at on enrolments
    begin ${markDirty(enrolmentStop('NEW'), true)}; end`);
}

// On SQLite a month nobody has cached (or begun to: month-cache.ts reserves its rows before taking
// its mark) needs no mark, so task generation and bulk loads add none; with one writer at a time a
// write either sees the reservation or commits before the mark is taken. On PostgreSQL a writer may
// commit after a mark it could not see being reserved, so every write marks its months.
//
// Statement-level triggers over transition tables: a bulk insert (task generation, the sync's
// encounters) marks each month once per statement instead of running a function per row.
async function pgTriggers(knex: Knex): Promise<void> {
  for (const [table, source] of Object.entries(sources)) {
    for (const [event, tables] of [
      ['insert', ['new table as new_rows']],
      ['update', ['old table as old_rows', 'new table as new_rows']],
      ['delete', ['old table as old_rows']],
    ] as const) {
      const fn = `report_dirty_${table}_${event}`;
      const body = tables.map((tt) => `${markDirty(source('R', `${tt.split(' as ')[1]} R`))};`).join(' ');
      await knex.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`);
      await knex.raw(`create trigger ${fn} after ${event} on ${table} referencing ${tables.join(' ')} for each statement execute function ${fn}()`);
    }
  }
  await knex.raw(`create function report_dirty_enrolments_stop() returns trigger language plpgsql as $$
    begin ${markDirty(enrolmentStop('NEW'))}; return null; end $$`);
  await knex.raw(`create trigger report_dirty_enrolments_stop after update of stop_reason, stopped_at on enrolments for each row
    when (old.stop_reason is distinct from new.stop_reason or old.stopped_at is distinct from new.stopped_at)
    execute function report_dirty_enrolments_stop()`);
}

export async function down(knex: Knex): Promise<void> {
  const pg = /^(pg|postgres)/.test(String(knex.client.config.client));
  const names = [...Object.keys(sources).flatMap((t) => ['insert', 'update', 'delete'].map((e) => `report_dirty_${t}_${e}`)), 'report_dirty_enrolments_stop'];
  for (const name of names) {
    if (pg) await knex.raw(`drop function if exists ${name}() cascade`);
    else await knex.raw(`drop trigger if exists ${name}`);
  }
  await knex.schema.dropTable('report_month_cache');
  await knex.schema.dropTable('report_dirty');
}
