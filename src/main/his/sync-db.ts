import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { pgInsertRows } from '../store/pg-insert';
import { beginImmediate, inTurn } from '../store/write-gate';
import type { Store } from '../store/store';

/** The statements the sync needs, the same on SQLite and PostgreSQL (`?` placeholders). */
export interface Q {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** INSERT … RETURNING id */
  insertId(sql: string, params?: unknown[]): Promise<number>;
  /** The same statement for many parameter lists: a tight loop on SQLite, multi-row on PostgreSQL. */
  runMany(sql: string, paramLists: unknown[][]): Promise<void>;
}

export interface SyncDb {
  dialect: 'sqlite' | 'pg';
  /** The sync's own SQLite connection, for bulk-load index handling (through `inTurn`). */
  sqlite?: Database.Database;
  /** One write transaction; on SQLite in the sync's turn (a background writer's, ../store/write-gate). */
  transaction<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  /** SQLite: synchronous work on `sqlite` that commits its own transactions, in one turn. */
  inTurn<T>(fn: () => T): Promise<T>;
  close(): Promise<void>;
}

/**
 * SQLite: a second connection of its own, so a sync transaction never swallows the UI's
 * writes made meanwhile on the store's connection (WAL lets readers go on). Writers take turns
 * (../store/write-gate.ts): the sync's short transactions wait, as promises, for the nurses'
 * writes, and a nurse's write waits for at most the one sync transaction under way.
 */
function sqliteSyncDb(filename: string): SyncDb {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  // A power cut may lose the last batches but never corrupts (WAL); the watermark is stored in
  // the same database after its batches, so a lost batch is simply read again next run.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  // Never sleep on the thread for a lock (write-gate.ts): another process's lock is retried on a timer.
  db.pragma('busy_timeout = 0');
  // Index pages of a million-row store do not fit SQLite's default 16 MB cache; a bulk load
  // that keeps missing it spends its time in page I/O. Checkpoint less often for the same reason.
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 20000');
  db.pragma('temp_store = MEMORY');
  db.pragma('mmap_size = 2147483648');
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const q: Q = {
    all: async <T>(sql: string, params: unknown[] = []) => stmt(sql).all(...params) as T[],
    run: async (sql, params = []) => void stmt(sql).run(...params),
    // Stepping a RETURNING row costs more than reading the rowid of a plain insert.
    insertId: async (sql, params = []) => Number(stmt(sql.replace(/\s+returning id\s*$/i, '')).run(...params).lastInsertRowid),
    runMany: async (sql, lists) => {
      const s = stmt(sql);
      for (const p of lists) s.run(...p);
    },
  };
  return {
    dialect: 'sqlite',
    sqlite: db,
    async transaction(fn) {
      const release = await beginImmediate(db, { background: true });
      try {
        const result = await fn(q);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      } finally {
        release();
      }
    },
    inTurn: (fn) => inTurn(db, fn, { background: true }),
    close: async () => void db.close(),
  };
}

const VALUES = /^([\s\S]*?\bvalues\s*)(\([^)]*\))([\s\S]*)$/i;

function pgSyncDb(knex: Knex): SyncDb {
  const wrap = (trx: Knex.Transaction): Q => ({
    all: async <T>(sql: string, params: unknown[] = []) => (await trx.raw(sql, params as never[])).rows as T[],
    run: async (sql, params = []) => void (await trx.raw(sql, params as never[])),
    insertId: async (sql, params = []) => Number((await trx.raw(sql, params as never[])).rows[0].id),
    async runMany(sql, lists) {
      const m = VALUES.exec(sql);
      if (!m) {
        for (const p of lists) await trx.raw(sql, p as never[]);
        return;
      }
      await pgInsertRows(trx, m[1], m[2], lists, 500, m[3]);
    },
  });
  return {
    dialect: 'pg',
    transaction: (fn) => knex.transaction((trx) => fn(wrap(trx))),
    inTurn: async (fn) => fn(),
    close: async () => {},
  };
}

export function openSyncDb(store: Store): SyncDb {
  if (store.dialect === 'sqlite') return sqliteSyncDb(store.sqlite!.name);
  return pgSyncDb(store.knex);
}

/** Runs `select … where col in (…)` in chunks below SQLite's variable limit. */
export async function selectIn<T>(q: Q, sqlPrefix: string, fixed: unknown[], values: unknown[], chunk = 500): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += chunk) {
    const part = values.slice(i, i + chunk);
    out.push(...(await q.all<T>(`${sqlPrefix} (${part.map(() => '?').join(',')})`, [...fixed, ...part])));
  }
  return out;
}
