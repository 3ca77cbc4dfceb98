import type { config as MssqlConfig } from 'mssql';
import type { HisConnectionConfig } from '../../config';
import { paramValues, translateParams } from '../sql-params';
import type { HisRow, HisSource } from './types';

type MssqlHis = Extract<HisConnectionConfig, { client: 'mssql' }>;

export function mssqlPoolConfig(c: MssqlHis): MssqlConfig {
  return {
    server: c.server,
    port: c.port,
    database: c.database,
    ...(c.domain
      ? { authentication: { type: 'ntlm', options: { userName: c.user ?? '', password: c.password ?? '', domain: c.domain } } }
      : { user: c.user, password: c.password }),
    requestTimeout: c.requestTimeoutMs,
    pool: { max: 4, min: 0, idleTimeoutMillis: 30000 },
    options: {
      encrypt: c.encrypt,
      trustServerCertificate: c.trustServerCertificate,
      // Profiles return dates as CONVERT(varchar(19), col, 120) strings; this keeps any stray
      // datetime column as wall clock rather than shifting it by +8 h.
      useUTC: true,
    },
  };
}

/** The SQL text and the named inputs a mssql request gets for a profile query. */
export function mssqlRequestParts(sql: string, params: Record<string, unknown>): { text: string; inputs: [string, unknown][] } {
  const { sql: text, names } = translateParams(sql, 'at');
  const unique = [...new Set(names)];
  return { text, inputs: unique.map((n, i) => [n, paramValues(unique, params)[i]]) };
}

export async function openMssqlSource(c: MssqlHis): Promise<HisSource> {
  const sql = await import('mssql');
  const pool = new sql.ConnectionPool(mssqlPoolConfig(c));
  try {
    await pool.connect();
  } catch (err) {
    throw new Error(`cannot connect to the HIS SQL Server ${c.server}/${c.database}: ${(err as Error).message}`, { cause: err });
  }
  return {
    describe: `SQL Server ${c.server}/${c.database}`,
    async *stream(query, params, batchSize) {
      const { text, inputs } = mssqlRequestParts(query, params);
      const request = pool.request();
      request.stream = true;
      // Strings go as NVarChar: parameters here are ASCII timestamps, so no implicit
      // conversion cost on varchar indexes worth a per-column type map.
      for (const [name, value] of inputs) request.input(name, value);
      const queue: HisRow[][] = [];
      let batch: HisRow[] = [];
      let done = false;
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      const notify = () => {
        wake?.();
        wake = null;
      };
      request.on('row', (row: HisRow) => {
        batch.push(row);
        if (batch.length >= batchSize) {
          queue.push(batch);
          batch = [];
          request.pause();
          notify();
        }
      });
      request.on('error', (err: Error) => {
        failure = err;
        notify();
      });
      request.on('done', () => {
        if (batch.length) queue.push(batch);
        done = true;
        notify();
      });
      void request.query(text);
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          if (!queue.length && !done) request.resume();
          continue;
        }
        if (failure) throw failure;
        if (done) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    close: () => pool.close(),
  };
}
