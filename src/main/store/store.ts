import knexFactory, { type Knex } from 'knex';
import type BetterSqlite3 from 'better-sqlite3';
import { restoreIndexes } from './deferred-indexes';
import { migrateLatest } from './migrate';
import { TurnTakingSqliteClient } from './sqlite-client';
import { prepareSqliteFile } from '../util/private-files';

export type StoreConfig = { client: 'sqlite'; filename: string } | { client: 'pg'; connection: string | Knex.PgConnectionConfig; poolMax?: number };

/**
 * Connections a workstation may hold on a shared PostgreSQL, besides its LISTEN connection: one
 * nurse's requests, the audit sealer, and one more (a sync or an export, a screen loading several
 * things at once). Four a workstation: twenty fit PostgreSQL's default max_connections of 100,
 * thirty need it raised (README, "A shared PostgreSQL"). An intranet server sets `poolMax`.
 */
export const PG_POOL_MAX = 3;

export interface Store {
  knex: Knex;
  dialect: 'sqlite' | 'pg';
  /** The single better-sqlite3 connection, for bulk writes through prepared statements. */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

export function describeStore(config: StoreConfig): string {
  if (config.client === 'sqlite') return `SQLite ${config.filename}`;
  const c = config.connection;
  return typeof c === 'string' ? `PostgreSQL ${c.replace(/\/\/[^@]*@/, '//***@')}` : `PostgreSQL ${c.host}/${c.database}`;
}

// compileSqlOnError: false keeps the values out of a failed query's message (they are patient data;
// messages reach logs); the SQL keeps its placeholders.
export async function openStore(config: StoreConfig, opts: { migrate?: boolean } = {}): Promise<Store> {
  const knex =
    config.client === 'sqlite'
      ? knexFactory({
          // better-sqlite3, taking turns with this process's other writers (sqlite-client.ts).
          client: TurnTakingSqliteClient as unknown as typeof Knex.Client,
          connection: { filename: config.filename },
          useNullAsDefault: true,
          compileSqlOnError: false,
          // One connection: better-sqlite3 is synchronous and SQLite has one writer anyway.
          pool: { min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 },
        })
      : knexFactory({ client: 'pg', connection: config.connection, pool: { min: 0, max: config.poolMax ?? PG_POOL_MAX }, compileSqlOnError: false });
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    if (config.client === 'sqlite') {
      prepareSqliteFile(config.filename);
      sqlite = (await knex.client.acquireConnection()) as BetterSqlite3.Database;
      await knex.client.releaseConnection(sqlite);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
      // Only while opening (migrations, indexes a crashed load set aside); 0 once open, below.
      sqlite.pragma('busy_timeout = 5000');
      // Finder queries over a million encounters read index pages straight from the OS cache.
      sqlite.pragma('mmap_size = 2147483648');
      sqlite.pragma('cache_size = -65536');
    } else {
      await knex.raw('select 1');
    }
    if (opts.migrate !== false) await migrateLatest(knex, config.client);
    // A first bulk load that crashed left its indexes set aside: build them before anyone queries.
    if (sqlite && opts.migrate !== false) restoreIndexes(sqlite);
    // From now on a lock held elsewhere never puts the event loop to sleep: writers of this
    // process take turns, another process's lock is waited for on a timer (write-gate.ts).
    sqlite?.pragma('busy_timeout = 0');
  } catch (err) {
    await knex.destroy();
    throw explainConnectError(err, config);
  }
  return { knex, dialect: config.client === 'sqlite' ? 'sqlite' : 'pg', sqlite, close: () => knex.destroy() };
}

function explainConnectError(err: unknown, config: StoreConfig): Error {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const where = describeStore(config);
  if (e.code === 'ECONNREFUSED') return new Error(`cannot reach the store (${where}): connection refused`);
  if (e.code === '28P01' || e.code === '28000') return new Error(`the store (${where}) refused the credentials`);
  if (e.code === '3D000') return new Error(`the store database does not exist (${where})`);
  if (/corrupt|missing/i.test(e.message ?? '') && /migration/i.test(e.message ?? ''))
    return new Error(`the store (${where}) has migrations this version does not know; refusing to start: ${e.message}`);
  return new Error(`cannot open the store (${where}): ${e.message ?? String(err)}`);
}
