import fs from 'node:fs';
import Database from 'better-sqlite3';
import { paramValues, translateParams } from '../sql-params';
import type { HisRow, HisSource } from './types';

export function openSqliteSource(filename: string): HisSource {
  if (!fs.existsSync(filename)) throw new Error(`HIS database file not found: ${filename}`);
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  return {
    describe: `SQLite ${filename}`,
    async *stream(sql, params, batchSize) {
      const { sql: text, names } = translateParams(sql, 'question');
      let batch: HisRow[] = [];
      for (const row of db.prepare(text).iterate(...paramValues(names, params)) as Iterable<HisRow>) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    close: async () => void db.close(),
  };
}
