import fs from 'node:fs';
import Database from 'better-sqlite3';
import { paramValues, translateParams } from '../sql-params';
import { readInWorker } from './sqlite-reader';
import type { HisSource } from './types';

export function openSqliteSource(filename: string): HisSource {
  if (!fs.existsSync(filename)) throw new Error(`HIS database file not found: ${filename}`);
  // Opened once here, so that a file that is not a database fails at open, not mid-sync; each
  // view is then read by a connection of its own (sqlite-reader.ts).
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    db.pragma('schema_version');
  } finally {
    db.close();
  }
  return {
    describe: `SQLite ${filename}`,
    stream(sql, params, batchSize) {
      const { sql: text, names } = translateParams(sql, 'question');
      return readInWorker(filename, text, paramValues(names, params), batchSize);
    },
    close: async () => undefined,
  };
}
