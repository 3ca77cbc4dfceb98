import knexFactory from 'knex';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { beijingTimestamp } from '../../util/clock';
import { paramValues, translateParams } from '../sql-params';
import type { HisRow, HisSource } from './types';

// HIS times are Beijing wall clock. The drivers would turn a date or timestamp column into a
// Date in the PC's own zone, which the normaliser cannot tell from UTC: on a PC set to Beijing
// time every time came out 8 hours early. So they arrive as text, as SQL Server's do; only a
// column that holds an instant (timestamptz) is converted, to Beijing wall clock.
const PG_DATE = 1082;
const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_DATE || oid === PG_TIMESTAMP) return (s: string) => s;
    if (oid === PG_TIMESTAMPTZ) return (s: string) => beijingTimestamp(pg.types.getTypeParser(PG_TIMESTAMPTZ)(s) as Date);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** The connection settings with the date handling above: a URL becomes the driver's own settings object. */
export function wallClockConnection(client: 'pg' | 'mysql', connection: unknown): object {
  const base = typeof connection === 'string' ? (client === 'pg' ? { connectionString: connection } : { uri: connection }) : (connection as object);
  return client === 'pg' ? { ...base, types: pgTypes } : { ...base, dateStrings: true };
}

/** PostgreSQL or MariaDB/MySQL HIS stand-ins, read through knex with a streaming cursor. */
export async function openKnexSource(client: 'pg' | 'mysql', connection: unknown): Promise<HisSource> {
  const knex = knexFactory({
    client: client === 'pg' ? 'pg' : 'mysql2',
    connection: wallClockConnection(client, connection) as never,
    pool: {
      min: 0,
      max: 2,
      // A MySQL TIMESTAMP (an instant) is shown in the session's zone: make that Beijing.
      ...(client === 'mysql'
        ? {
            afterCreate: (conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) =>
              conn.query("SET time_zone = '+08:00'", (err) => done(err, conn)),
          }
        : {}),
    },
    // A HIS host that drops packets fails the sync (and a first start) in 20 s, not knex's 60.
    acquireConnectionTimeout: 20_000,
    // knex warns on stdout, where `followup sync` prints its JSON; the failure itself is reported.
    log: { warn: (m: string) => console.error(`HIS: ${m}`), error: (m: string) => console.error(`HIS: ${m}`) },
  });
  try {
    await knex.raw('select 1');
  } catch (err) {
    await knex.destroy();
    throw new Error(`cannot reach the HIS (${client}): ${(err as Error).message}`, { cause: err });
  }
  return {
    describe: `${client} HIS`,
    async *stream(sql, params, batchSize) {
      const { sql: text, names } = translateParams(sql, 'question');
      const rows = knex.raw(text, paramValues(names, params) as never[]).stream({ highWaterMark: batchSize }) as unknown as Readable;
      let batch: HisRow[] = [];
      for await (const row of rows) {
        batch.push(row as HisRow);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    close: () => knex.destroy(),
  };
}
