import fs from 'node:fs';
import Database from 'better-sqlite3';
import { paramValues, translateParams } from '../sql-params';
import { readInWorker } from './sqlite-reader';
import type { HisSource } from './types';

export function openSqliteSource(filename: string): HisSource {
  if (!fs.existsSync(filename)) throw new Error(`HIS database file not found: ${filename}`);
  // Opened here too, so that a file that is not a database fails at open, not mid-sync.
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  db.pragma('schema_version');
  return {
    describe: `SQLite ${filename}`,
    stream(sql, params, batchSize) {
      const { sql: text, names } = translateParams(sql, 'question');
      return readInWorker(filename, text, paramValues(names, params), batchSize);
    },
    close: async () => void db.close(),
  };
}
