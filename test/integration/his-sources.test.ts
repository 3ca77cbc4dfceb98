import fs from 'node:fs';
import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openHisSource } from '../../src/main/his/sources';
import { runSync } from '../../src/main/his/sync-runner';
import { demoProfile, fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, PG_ADMIN } from '../helpers/stores';

// The same demo profile SQL runs unchanged on PostgreSQL and MariaDB HIS stand-ins.
const his = makeDemoHis(150, 21);
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

async function copyHis(target: Knex, lowerCaseTables: boolean) {
  const src = new Database(his.file, { readonly: true });
  const tables = (src.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as { name: string }[]).map(
    (t) => t.name,
  );
  for (const table of tables) {
    const cols = src.prepare(`pragma table_info(${table})`).all() as { name: string; type: string }[];
    const name = lowerCaseTables ? table.toLowerCase() : table;
    await target.schema.createTable(name, (t) => cols.forEach((c) => (c.type === 'INTEGER' ? t.integer(c.name) : t.string(c.name, 255))));
    const rows = src.prepare(`select * from ${table}`).all();
    for (let i = 0; i < rows.length; i += 500) await target(name).insert(rows.slice(i, i + 500));
  }
  src.close();
}

async function storeCounts(kind: 'sqlite', run: (store: import('../../src/main/store/store').Store) => Promise<unknown>) {
  const t = await createTestStore(kind);
  const store = await t.open();
  try {
    await run(store);
    const out: Record<string, number> = {};
    for (const table of ['patients', 'encounters', 'diagnoses', 'checkup_findings', 'phones', 'rejected_rows'])
      out[table] = Number((await store.knex(table).count({ n: '*' }))[0].n);
    return out;
  } finally {
    await store.close();
    await t.drop();
  }
}

const clock = fixedClock('2026-07-01 09:00:00');

describe('HIS sources', () => {
  it('reads a PostgreSQL HIS through knex with the same result as the SQLite demo file', async () => {
    const db = `his_test_${randomBytes(4).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: PG_ADMIN });
    await admin.raw(`create database ${db}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${db}`;
    const pg = knexFactory({ client: 'pg', connection: url.toString() });
    try {
      await copyHis(pg, true);
      const expected = await storeCounts('sqlite', (store) => syncOnce(store, his.file, clock));
      const actual = await storeCounts('sqlite', async (store) => {
        const source = await openHisSource({ client: 'pg', connection: url.toString() });
        const run = await runSync(store, source, demoProfile(), clock, { batchSize: 97 });
        await source.close();
        expect(run.status, run.error ?? '').toBe('ok');
      });
      expect(actual).toEqual(expected);
    } finally {
      await pg.destroy();
      await admin.raw(`drop database if exists ${db} with (force)`);
      await admin.destroy();
    }
  });

  it('reads a MariaDB HIS through knex with the same result', async () => {
    const db = `his_test_${randomBytes(4).toString('hex')}`;
    const root = knexFactory({ client: 'mysql2', connection: { host: '127.0.0.1', user: 'root', charset: 'utf8mb4' } });
    await root.raw(`create database ${db} character set utf8mb4 collate utf8mb4_bin`);
    const conn = { host: '127.0.0.1', user: 'root', database: db, charset: 'utf8mb4' };
    const my = knexFactory({ client: 'mysql2', connection: conn });
    try {
      await copyHis(my, false);
      const expected = await storeCounts('sqlite', (store) => syncOnce(store, his.file, clock));
      const actual = await storeCounts('sqlite', async (store) => {
        const source = await openHisSource({ client: 'mysql', connection: conn });
        const run = await runSync(store, source, demoProfile(), clock, { batchSize: 101 });
        await source.close();
        expect(run.status, run.error ?? '').toBe('ok');
      });
      expect(actual).toEqual(expected);
    } finally {
      await my.destroy();
      await root.raw(`drop database if exists ${db}`);
      await root.destroy();
    }
  });

  it('says clearly when the HIS cannot be reached or refuses the login', async () => {
    await expect(openHisSource({ client: 'pg', connection: 'postgres://nobody:wrong@127.0.0.1:1/none' })).rejects.toThrow(
      /cannot reach the HIS \(pg\).*ECONNREFUSED/,
    );
    await expect(openHisSource({ client: 'mysql', connection: { host: '127.0.0.1', user: 'no_such_user', password: 'x' } })).rejects.toThrow(
      /cannot reach the HIS \(mysql\).*Access denied/,
    );
    await expect(openHisSource({ client: 'sqlite', filename: '/nonexistent/his.sqlite' })).rejects.toThrow(/not found/);
  });
});
