import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openStore, type Store, type StoreConfig } from '../../src/main/store/store';

export const PG_ADMIN = process.env.FOLLOWUP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  name: 'sqlite' | 'pg';
  config: StoreConfig;
  open(): Promise<Store>;
  /** Drops the database / deletes the file. */
  drop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export async function createTestStore(kind: 'sqlite' | 'pg'): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = tempDir('followup-store');
    const config: StoreConfig = { client: 'sqlite', filename: path.join(dir, 'store.sqlite') };
    return { name: 'sqlite', config, open: () => openStore(config), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const db = `followup_test_${randomBytes(5).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: PG_ADMIN, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${db}`);
  await admin.destroy();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${db}`;
  const config: StoreConfig = { client: 'pg', connection: url.toString() };
  return {
    name: 'pg',
    config,
    open: () => openStore(config),
    drop: async () => {
      const a = knexFactory({ client: 'pg', connection: PG_ADMIN, pool: { min: 0, max: 1 } });
      await a.raw(`drop database if exists ${db} with (force)`);
      await a.destroy();
    },
  };
}

export const STORE_KINDS = ['sqlite', 'pg'] as const;
