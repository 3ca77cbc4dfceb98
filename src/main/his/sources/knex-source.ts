import knexFactory from 'knex';
import type { Readable } from 'node:stream';
import { paramValues, translateParams } from '../sql-params';
import type { HisRow, HisSource } from './types';

/** PostgreSQL or MariaDB/MySQL HIS stand-ins, read through knex with a streaming cursor. */
export async function openKnexSource(client: 'pg' | 'mysql', connection: unknown): Promise<HisSource> {
  const knex = knexFactory({
    client: client === 'pg' ? 'pg' : 'mysql2',
    connection: connection as never,
    pool: { min: 0, max: 2 },
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
