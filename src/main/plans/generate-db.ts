import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { pgInsertRows } from '../store/pg-insert';
import { beginImmediate } from '../store/write-gate';
import type { Store } from '../store/store';

// Storage for task generation. Enrolments that get the same tasks (same plan version, anchor
// dates, enrolment day, generation day and critical flag) form one group, planned once. The
// planned groups and their points go into temporary tables; then one INSERT … SELECT joins the
// due enrolments to them and one UPDATE … FROM moves each enrolment on. No per-task row crosses
// from JavaScript, which was most of the cost. SQLite: a connection of its own in one IMMEDIATE
// transaction, taken in turn with the store's writers (../store/write-gate.ts); PostgreSQL: the store's
// transaction, with temporary tables dropped at commit.

export const TASK_COLS = [
  'kind',
  'enrolment_id',
  'plan_id',
  'plan_version_id',
  'patient_id',
  'dept_id',
  'track_id',
  'point_index',
  'point_label',
  'due_date',
  'window_start',
  'window_end',
  'channel',
  'questionnaire_id',
  'questionnaire_version',
  'education',
  'priority',
  'critical',
  'colour',
  'priority_reason',
  'cycle_no',
  'status',
  'available_at',
  'retry_count',
  'created_at',
  'updated_at',
] as const;

/** What a task point depends on besides the plan; absent dates are null. */
export interface GroupKey {
  plan_version_id: number;
  anchor_date: string;
  admit_date: string | null;
  treatment_start_date: string | null;
  enrolled_on: string;
  next_generate_on: string;
  critical: number;
}

/** A point row in POINT_COLS order. */
export type PointRow = unknown[];
export interface PlannedGroup {
  key: GroupKey;
  planId: number;
  next: string | null;
  points: PointRow[];
}

export interface GenerationTx {
  /** Counts the active enrolments due by `today` and returns their groups. */
  groups(today: string): Promise<{ scanned: number; groups: GroupKey[] }>;
  /** Creates the planned tasks of every due enrolment (skipping existing ones) and moves each on; returns the tasks created. */
  write(today: string, now: string, planned: PlannedGroup[]): Promise<number>;
}

const KEY_COLS = ['plan_version_id', 'anchor_date', 'admit_date', 'treatment_start_date', 'enrolled_on', 'next_generate_on', 'critical'];
// '' stands for an absent date so that equal keys compare equal on both databases. The critical
// flag is looked up only when some due anchor has one (rare); otherwise it is 0 for all.
const keyOf = (e: string, critical: boolean) => [
  `${e}.plan_version_id`,
  `${e}.anchor_date`,
  `coalesce(${e}.admit_date, '')`,
  `coalesce(${e}.treatment_start_date, '')`,
  `substr(${e}.enrolled_at, 1, 10)`,
  `${e}.next_generate_on`,
  critical ? `case when ${e}.id in (select id from gen_critical) then 1 else 0 end` : '0',
];
const keyMatches = (e: string, critical: boolean) =>
  keyOf(e, critical)
    .map((x, i) => `g.${KEY_COLS[i]} = ${x}`)
    .join(' and ');
const due = (e: string) => `${e}.status = 'active' and ${e}.next_generate_on <= ?`;
const KEY_DDL = `plan_version_id integer not null, anchor_date text not null, admit_date text not null, treatment_start_date text not null,
  enrolled_on text not null, next_generate_on text not null, critical integer not null`;
const POINT_COLS = [
  'g',
  'track_id',
  'point_index',
  'point_label',
  'due_date',
  'window_start',
  'window_end',
  'channel',
  'questionnaire_id',
  'questionnaire_version',
  'education',
  'priority',
  'critical',
  'colour',
  'priority_reason',
  'cycle_no',
  'available_at',
];

const TEMP_TABLES = (tail: string) => [
  `create temporary table gen_critical (id integer primary key)${tail}`,
  `create temporary table gen_keys (${KEY_DDL}, primary key (${KEY_COLS.join(', ')}))${tail}`,
  `create temporary table gen_groups (g integer primary key, plan_id integer not null, ${KEY_DDL}, next_on text)${tail}`,
  `create unique index gen_groups_key on gen_groups (${KEY_COLS.join(', ')})`,
  `create temporary table gen_points (g integer not null, track_id text not null, point_index integer not null, point_label text, due_date text not null,
    window_start text not null, window_end text not null, channel text not null, questionnaire_id text, questionnaire_version integer, education text,
    priority integer not null, critical integer not null, colour text, priority_reason text, cycle_no integer, available_at text not null)${tail}`,
  'create index gen_points_g on gen_points (g)',
];
// Few anchors carry a critical value; asking for them apart keeps the big statements join-free.
const CRITICAL_SQL = `insert into gen_critical (id) select en.id from enrolments en join encounters enc on enc.id = en.anchor_encounter_id
  where ${due('en')} and enc.critical_count > 0`;
const COUNT_SQL = `select count(*) as n from enrolments e where ${due('e')}`;
const statements = (critical: boolean) => ({
  keys: `insert into gen_keys (${KEY_COLS.join(', ')}) select ${keyOf('e', critical).join(', ')} from enrolments e where ${due('e')} on conflict do nothing`,
  // CROSS JOIN makes SQLite start from the due enrolments; PostgreSQL plans it as an inner join.
  insert: `insert into tasks (${TASK_COLS.join(', ')})
    select 'followup', e.id, g.plan_id, e.plan_version_id, e.patient_id, e.dept_id, ${POINT_COLS.slice(1, -1)
      .map((c) => `p.${c}`)
      .join(', ')},
      'pending', p.available_at, 0, ?, ?
    from enrolments e cross join gen_groups g cross join gen_points p
    where ${due('e')} and ${keyMatches('e', critical)} and p.g = g.g
    on conflict (enrolment_id, track_id, point_index, kind) do nothing`,
  move: `update enrolments set next_generate_on = g.next_on from gen_groups g where ${due('enrolments')} and ${keyMatches('enrolments', critical)}`,
});
const SQL = { plain: statements(false), critical: statements(true) };

/** The few statements each dialect runs differently. */
interface Exec {
  run(sql: string, bindings?: unknown[]): Promise<number>;
  all<T>(sql: string, bindings?: unknown[]): Promise<T[]>;
  insertRows(table: string, cols: string[], rows: unknown[][]): Promise<void>;
}

function generationTx(x: Exec, tempTail: string): GenerationTx {
  let sql = SQL.plain;
  return {
    async groups(today) {
      for (const ddl of TEMP_TABLES(tempTail)) await x.run(ddl);
      if (await x.run(CRITICAL_SQL, [today])) sql = SQL.critical;
      const scanned = Number((await x.all<{ n: number | string }>(COUNT_SQL, [today]))[0].n);
      if (scanned) await x.run(sql.keys, [today]);
      const rows = scanned ? await x.all<GroupKey>(`select ${KEY_COLS.join(', ')} from gen_keys`) : [];
      const groups = rows.map((r) => ({
        ...r,
        plan_version_id: Number(r.plan_version_id),
        critical: Number(r.critical),
        admit_date: r.admit_date || null,
        treatment_start_date: r.treatment_start_date || null,
      }));
      return { scanned, groups };
    },
    async write(today, now, planned) {
      const k = (g: GroupKey) => [
        g.plan_version_id,
        g.anchor_date,
        g.admit_date ?? '',
        g.treatment_start_date ?? '',
        g.enrolled_on,
        g.next_generate_on,
        g.critical,
      ];
      await x.insertRows(
        'gen_groups',
        ['g', 'plan_id', ...KEY_COLS, 'next_on'],
        planned.map((p, i) => [i + 1, p.planId, ...k(p.key), p.next]),
      );
      await x.insertRows(
        'gen_points',
        POINT_COLS,
        planned.flatMap((p, i) => p.points.map((r) => [i + 1, ...r])),
      );
      const created = await x.run(sql.insert, [now, now, today]);
      await x.run(sql.move, [today]);
      return created;
    },
  };
}

export async function inGenerationTx<T>(store: Store, fn: (tx: GenerationTx) => Promise<T>): Promise<T> {
  if (store.dialect === 'sqlite') return sqliteTx(store.sqlite!.name, fn);
  return store.knex.transaction((trx) => fn(generationTx(pgExec(trx), ' on commit drop')));
}

async function sqliteTx<T>(filename: string, fn: (tx: GenerationTx) => Promise<T>): Promise<T> {
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Never sleep on the thread for a lock: writers of this process take turns (write-gate.ts).
    db.pragma('busy_timeout = 0');
    db.pragma('cache_size = -131072');
    db.pragma('temp_store = memory');
    const exec: Exec = {
      run: async (sql, b = []) => db.prepare(sql).run(b).changes,
      all: async <T>(sql: string, b: unknown[] = []) => db.prepare(sql).all(b) as T[],
      async insertRows(table, cols, rows) {
        const ins = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
        for (const r of rows) ins.run(r);
      },
    };
    // A background writer's turn, as the sync's: nurses' writes under way go first.
    const release = await beginImmediate(db, { background: true });
    try {
      const out = await fn(generationTx(exec, ''));
      db.exec('COMMIT');
      return out;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    } finally {
      release();
    }
  } finally {
    db.close();
  }
}

function pgExec(trx: Knex.Transaction): Exec {
  return {
    run: async (sql, b = []) => (await trx.raw(sql, b as never[])).rowCount ?? 0,
    all: async <T>(sql: string, b: unknown[] = []) => (await trx.raw(sql, b as never[])).rows as T[],
    // Under PostgreSQL's 65,535 bound parameters per statement.
    insertRows: (table, cols, rows) =>
      pgInsertRows(trx, `insert into ${table} (${cols.join(', ')}) values `, `(${cols.map(() => '?').join(', ')})`, rows, Math.floor(30_000 / cols.length)),
  };
}
