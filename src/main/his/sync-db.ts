import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import type { Store } from '../store/store';

/** The statements the sync needs, the same on SQLite and PostgreSQL (`?` placeholders). */
export interface Q {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** INSERT … RETURNING id */
  insertId(sql: string, params?: unknown[]): Promise<number>;
}

export interface SyncDb {
  dialect: 'sqlite' | 'pg';
  transaction<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * SQLite: a second connection of its own, so a sync transaction never swallows the UI's
 * writes made meanwhile on the store's connection (WAL lets readers go on; writers wait).
 */
function sqliteSyncDb(filename: string): SyncDb {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  // Index pages of a million-row store do not fit SQLite's default 16 MB cache; a bulk load
  // that keeps missing it spends its time in page I/O. Checkpoint less often for the same reason.
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 20000');
  db.pragma('temp_store = MEMORY');
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const q: Q = {
    all: async <T>(sql: string, params: unknown[] = []) => stmt(sql).all(...params) as T[],
    run: async (sql, params = []) => void stmt(sql).run(...params),
    insertId: async (sql, params = []) => (stmt(sql).get(...params) as { id: number }).id,
  };
  return {
    dialect: 'sqlite',
    async transaction(fn) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(q);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    close: async () => void db.close(),
  };
}

function pgSyncDb(knex: Knex): SyncDb {
  const wrap = (trx: Knex.Transaction): Q => ({
    all: async <T>(sql: string, params: unknown[] = []) => (await trx.raw(sql, params as never[])).rows as T[],
    run: async (sql, params = []) => void (await trx.raw(sql, params as never[])),
    insertId: async (sql, params = []) => Number((await trx.raw(sql, params as never[])).rows[0].id),
  });
  return {
    dialect: 'pg',
    transaction: (fn) => knex.transaction((trx) => fn(wrap(trx))),
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
