// node-oracledb has no types of its own; the test project reaches this file only through imports.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oracledb.d.ts" />
import type { ColumnMetaData, Connection, FetchTypeResult, Pool, ResultSet } from 'oracledb';
import type { HisConnectionConfig } from '../../config';
import { beijingTimestamp } from '../../util/clock';
import { translateParams } from '../sql-params';
import type { HisRow, HisSource } from './types';

type OracleHis = Extract<HisConnectionConfig, { client: 'oracledb' }>;
export type OracleDriver = typeof import('oracledb');

// Every session reads as Beijing: `:since` strings convert to DATE/TIMESTAMP by this format, and
// a TIMESTAMP WITH TIME ZONE column compared with them is taken at +08:00, not at the server's zone.
export const SESSION_SETUP = "ALTER SESSION SET TIME_ZONE = '+08:00' NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS' NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS'";

/** Profile SQL as Oracle runs it: `:name` binds kept, only those the SQL names bound, as strings. */
export function oracleStatement(sql: string, params: Record<string, unknown>): { text: string; binds: Record<string, unknown> } {
  const { sql: text, names } = translateParams(sql, 'colon');
  const binds: Record<string, unknown> = {};
  for (const n of names) {
    if (!(n in params)) throw new Error(`the SQL uses :${n} but no such parameter is provided`);
    binds[n] = params[n] === null || params[n] === undefined ? null : String(params[n]);
  }
  // A trailing ';' is fine in SQL*Plus and an ORA-00933 through a driver.
  return { text: text.replace(/;\s*$/, ''), binds };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * DATE and TIMESTAMP hold no zone; thin mode rebuilds them as a Date from the local-time fields,
 * so the local getters give the stored wall clock back whatever the session or process zone is.
 */
export function localWallClock(d: Date | null): string | null {
  if (d === null) return null;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** TIMESTAMP WITH (LOCAL) TIME ZONE is an instant: the store keeps it as Beijing wall clock. */
export const zonedWallClock = (d: Date | null): string | null => (d === null ? null : beijingTimestamp(d));

/** NUMBER arrives as its decimal text; an integer beyond 2^53 (a long vendor id) stays text. */
export function oracleNumber(v: string | null): number | string | null {
  if (v === null) return null;
  const n = Number(v);
  return /^-?\d+$/.test(v) && !Number.isSafeInteger(n) ? v : n;
}

export function fetchTypes(driver: OracleDriver): (m: ColumnMetaData) => FetchTypeResult | undefined {
  return (m) => {
    if (m.dbType === driver.DB_TYPE_DATE || m.dbType === driver.DB_TYPE_TIMESTAMP) return { converter: localWallClock };
    if (m.dbType === driver.DB_TYPE_TIMESTAMP_TZ || m.dbType === driver.DB_TYPE_TIMESTAMP_LTZ) return { converter: zonedWallClock };
    if (m.dbType === driver.DB_TYPE_NUMBER) return { type: driver.STRING, converter: oracleNumber };
    if (m.dbType === driver.DB_TYPE_CLOB || m.dbType === driver.DB_TYPE_NCLOB) return { type: driver.STRING };
    return undefined;
  };
}

// Unquoted aliases come back upper-cased (SOURCE_PATIENT_ID); canonical columns are lower case.
const columnName = (name: string) => (name === name.toUpperCase() ? name.toLowerCase() : name);

/** Streams one query on a pooled session through a result set, `batchSize` rows per round trip. */
export async function* streamOracle(
  pool: Pool,
  driver: OracleDriver,
  sql: string,
  params: Record<string, unknown>,
  batchSize: number,
  callTimeoutMs: number,
): AsyncGenerator<HisRow[]> {
  const { text, binds } = oracleStatement(sql, params);
  const conn: Connection = await pool.getConnection();
  let rs: { metaData: ColumnMetaData[]; resultSet: ResultSet } | null = null;
  try {
    conn.callTimeout = callTimeoutMs;
    const opts = {
      resultSet: true,
      outFormat: driver.OUT_FORMAT_ARRAY,
      fetchArraySize: batchSize,
      prefetchRows: batchSize,
      fetchTypeHandler: fetchTypes(driver),
    } as const;
    rs = await conn.execute(text, binds, opts);
    const names = rs.metaData.map((m) => columnName(m.name));
    for (;;) {
      const rows = await rs.resultSet.getRows(batchSize);
      if (!rows.length) return;
      yield rows.map((r) => {
        const o: HisRow = {};
        for (let i = 0; i < names.length; i++) o[names[i]] = r[i];
        return o;
      });
    }
  } finally {
    // Also on an early return (a check reading a sample): the session goes back to the pool.
    await rs?.resultSet.close().catch(() => undefined);
    await conn.close();
  }
}

export async function openOracleSource(c: OracleHis, driver?: OracleDriver): Promise<HisSource> {
  // The CommonJS module itself: its DB_TYPE_* objects are compared by identity in fetchTypes.
  const ora = driver ?? (await import('oracledb')).default;
  const where = `Oracle ${c.connectString}`;
  let pool: Pool;
  try {
    pool = await ora.createPool({
      user: c.user,
      password: c.password,
      connectString: c.connectString,
      poolMin: 0,
      poolMax: 4,
      poolIncrement: 1,
      sessionCallback: (conn, _tag, done) => void conn.execute(SESSION_SETUP).then(() => done(), done),
    });
    // A wrong password or service name fails here, at open, not in the middle of a sync.
    const probe = await pool.getConnection();
    await probe.close();
  } catch (err) {
    throw new Error(`cannot connect to the HIS ${where}: ${(err as Error).message}`, { cause: err });
  }
  return {
    describe: where,
    stream: (sql, params, batchSize) => streamOracle(pool, ora, sql, params, batchSize, c.callTimeoutMs),
    close: () => pool.close(0),
  };
}
