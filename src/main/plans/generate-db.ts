import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import type { Store } from '../store/store';

// Storage for task generation, one per dialect. SQLite: a connection of its own running one
// synchronous IMMEDIATE transaction with prepared statements (no per-row promise, and the UI's
// connection is never blocked mid-transaction). PostgreSQL: multi-row statements in batches.

export const TASK_COLS = ['kind', 'enrolment_id', 'plan_id', 'plan_version_id', 'patient_id', 'dept_id', 'track_id', 'point_index', 'point_label',
  'due_date', 'window_start', 'window_end', 'channel', 'questionnaire_id', 'questionnaire_version', 'education', 'priority', 'critical',
  'colour', 'priority_reason', 'status', 'available_at', 'retry_count', 'created_at', 'updated_at'] as const;

export interface EnrolmentRow {
  id: number; plan_version_id: number; patient_id: number; dept_id: number | null; anchor_date: string; admit_date: string | null;
  treatment_start_date: string | null; enrolled_at: string; next_generate_on: string; critical_anchor?: boolean;
}

export interface GenerationTx {
  /** Active enrolments whose next task is due to be made by `today`. */
  due(today: string): EnrolmentRow[] | Promise<EnrolmentRow[]>;
  /** Queues (PostgreSQL) or writes (SQLite) one task; conflicts with an existing task are skipped. */
  insertTask(row: unknown[]): void | Promise<void>;
  moveOn(id: number, next: string | null): void | Promise<void>;
  /** Writes what is queued; returns the number of tasks created. */
  finish(): number | Promise<number>;
}

const DUE_SQL = `select id, plan_version_id, patient_id, dept_id, anchor_date, admit_date, treatment_start_date, enrolled_at, next_generate_on
  from enrolments where status = 'active' and next_generate_on <= ?`;
// Few anchors carry a critical value; asking for them apart keeps the big read join-free.
const CRITICAL_SQL = `select en.id from enrolments en join encounters enc on enc.id = en.anchor_encounter_id
  where en.status = 'active' and en.next_generate_on <= ? and enc.critical_count > 0`;
const INSERT_HEAD = `insert into tasks (${TASK_COLS.join(',')}) values `;
const ONE = `(${TASK_COLS.map(() => '?').join(',')})`;
const CONFLICT = ' on conflict (enrolment_id, track_id, point_index, kind) do nothing';

function markCritical(rows: EnrolmentRow[], critical: { id: number }[]): EnrolmentRow[] {
  const ids = new Set(critical.map((r) => Number(r.id)));
  if (ids.size) for (const r of rows) r.critical_anchor = ids.has(Number(r.id));
  return rows;
}

export async function inGenerationTx<T>(store: Store, fn: (tx: GenerationTx) => Promise<T>): Promise<T> {
  if (store.dialect === 'sqlite') return sqliteTx(store.sqlite!.name, fn);
  return store.knex.transaction((trx) => fn(pgTx(trx)));
}

async function sqliteTx<T>(filename: string, fn: (tx: GenerationTx) => Promise<T>): Promise<T> {
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('cache_size = -131072');
    const insert = db.prepare(INSERT_HEAD + ONE + CONFLICT);
    const move = db.prepare('update enrolments set next_generate_on = ? where id = ?');
    let created = 0;
    const tx: GenerationTx = {
      due: (today) => markCritical(db.prepare(DUE_SQL).all(today) as EnrolmentRow[], db.prepare(CRITICAL_SQL).all(today) as { id: number }[]),
      insertTask: (row) => { created += insert.run(row).changes; },
      moveOn: (id, next) => { move.run(next, id); },
      finish: () => created,
    };
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = await fn(tx);
      db.exec('COMMIT');
      return out;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    db.close();
  }
}

function pgTx(trx: Knex.Transaction): GenerationTx {
  let rows: unknown[][] = [];
  let moves: [number, string | null][] = [];
  let created = 0;
  const flushRows = async () => {
    if (!rows.length) return;
    const part = rows;
    rows = [];
    created += (await trx.raw(`${INSERT_HEAD}${part.map(() => ONE).join(',')}${CONFLICT} returning id`, part.flat() as never[])).rows.length;
  };
  const flushMoves = async () => {
    if (!moves.length) return;
    const part = moves;
    moves = [];
    await trx.raw(`update enrolments as en set next_generate_on = v.d from (values ${part.map(() => '(?::int, ?::text)').join(',')}) as v(id, d) where en.id = v.id`,
      part.flat() as never[]);
  };
  return {
    due: async (today) => markCritical((await trx.raw(DUE_SQL, [today])).rows, (await trx.raw(CRITICAL_SQL, [today])).rows),
    async insertTask(row) {
      rows.push(row);
      if (rows.length >= 1000) await flushRows();
    },
    async moveOn(id, next) {
      moves.push([id, next]);
      if (moves.length >= 2000) await flushMoves();
    },
    async finish() {
      await flushRows();
      await flushMoves();
      return created;
    },
  };
}
