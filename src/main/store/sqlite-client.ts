import type BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';
import { gateFor, whileBusy } from './write-gate';

// knex's better-sqlite3 client, taking turns to write (write-gate.ts): a write outside a
// transaction takes a turn for itself; a transaction opens as BEGIN IMMEDIATE (knex's BEGIN is
// deferred, which upgrades to a write only at its first write and may then find the data it
// read stale) and keeps its turn until COMMIT or ROLLBACK. Reads never wait: WAL readers see
// the last commit whoever writes. Subclassed, not patched, because knex builds a transaction's
// client from the client's prototype.

interface QueryObject {
  sql: string;
  bindings?: unknown[];
}
type Conn = BetterSqlite3.Database;
interface BaseClient {
  _query(conn: Conn, obj: QueryObject): Promise<unknown>;
  destroyRawConnection(conn: Conn): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- knex ships its dialects as CommonJS without typings
const Client_BetterSQLite3 = require('knex/lib/dialects/better-sqlite3') as new (config: Knex.Config) => BaseClient;

const BEGIN = /^\s*begin\b/i;
/** Turns held by connections inside a transaction, ended when the transaction is. */
const turns = new WeakMap<Conn, () => void>();

/** Whether a statement leaves the database as it is (prepared once per text, remembered). */
const readOnly = new Map<string, boolean>();
function isReadOnly(conn: Conn, sql: string): boolean {
  let ro = readOnly.get(sql);
  if (ro === undefined) {
    try {
      ro = conn.prepare(sql).readonly;
    } catch {
      return true; // the statement itself will fail, with the database's message
    }
    if (readOnly.size > 2000) readOnly.clear();
    readOnly.set(sql, ro);
  }
  return ro;
}

function endTurnIfDone(conn: Conn) {
  if (conn.inTransaction) return;
  turns.get(conn)?.();
  turns.delete(conn);
}

export class TurnTakingSqliteClient extends Client_BetterSQLite3 {
  // knex keeps this class as config.client; code that asks String(config.client) which driver
  // it is (reports' dialectOf) reads the driver's name, as it did when the client was a name.
  static toString(): string {
    return 'better-sqlite3';
  }

  async _query(conn: Conn, obj: QueryObject): Promise<unknown> {
    if (conn.inTransaction) {
      // Inside BEGIN IMMEDIATE: the lock and the turn are already ours.
      try {
        return await super._query(conn, obj);
      } finally {
        endTurnIfDone(conn);
      }
    }
    const begins = BEGIN.test(obj.sql);
    if (!begins && isReadOnly(conn, obj.sql)) return whileBusy(() => super._query(conn, obj));
    const release = await gateFor(conn.name).acquire();
    if (begins) obj.sql = 'BEGIN IMMEDIATE';
    try {
      return await whileBusy(() => super._query(conn, obj));
    } finally {
      if (conn.inTransaction) turns.set(conn, release);
      else release();
    }
  }

  async destroyRawConnection(conn: Conn): Promise<void> {
    turns.get(conn)?.();
    turns.delete(conn);
    await super.destroyRawConnection(conn);
  }
}
