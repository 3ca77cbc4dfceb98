import fs from 'node:fs';
import Database from 'better-sqlite3';
import knexFactory from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import type { HisConnectionConfig } from '../../src/main/config';
import { openHisSource } from '../../src/main/his/sources';
import { runSync } from '../../src/main/his/sync-runner';
import { demoProfile, fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore } from '../helpers/stores';

// SQL Server cannot run on our build machines. Point FOLLOWUP_TEST_MSSQL at one (JSON of the
// `his.connection` config, database included and empty) to run the sync against it; see
// docs/his-sqlserver.md.
const target = process.env.FOLLOWUP_TEST_MSSQL ? (JSON.parse(process.env.FOLLOWUP_TEST_MSSQL) as Extract<HisConnectionConfig, { client: 'mssql' }>) : null;

describe.skipIf(!target)('HIS on a real SQL Server', () => {
  const his = makeDemoHis(150, 21);
  afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

  it('streams the demo views through mssql with the same result as the SQLite file', async () => {
    const c = target!;
    const ms = knexFactory({
      client: 'mssql',
      connection: {
        server: c.server,
        port: c.port,
        database: c.database,
        user: c.user,
        password: c.password,
        options: { encrypt: c.encrypt, trustServerCertificate: c.trustServerCertificate },
      },
    });
    const src = new Database(his.file, { readonly: true });
    const tables = (src.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    for (const table of tables) {
      await ms.schema.dropTableIfExists(table);
      const cols = src.prepare(`pragma table_info(${table})`).all() as { name: string; type: string }[];
      // varchar + Chinese_PRC_CI_AS exercises tedious' CP936 decoding, as in real HIS views.
      await ms.raw(
        `create table ${table} (${cols.map((col) => `${col.name} ${col.type === 'INTEGER' ? 'int' : 'varchar(255) collate Chinese_PRC_CI_AS'}`).join(', ')})`,
      );
      const rows = src.prepare(`select * from ${table}`).all();
      for (let i = 0; i < rows.length; i += 100) await ms(table).insert(rows.slice(i, i + 100));
    }
    src.close();
    await ms.destroy();
    const counts = async (fn: (s: import('../../src/main/store/store').Store) => Promise<unknown>) => {
      const t = await createTestStore('sqlite');
      const store = await t.open();
      await fn(store);
      const n = Number((await store.knex('encounters').count({ n: '*' }))[0].n);
      await store.close();
      await t.drop();
      return n;
    };
    const clock = fixedClock('2026-07-01 09:00:00');
    const expected = await counts((s) => syncOnce(s, his.file, clock));
    const actual = await counts(async (s) => {
      const source = await openHisSource(c);
      const run = await runSync(s, source, demoProfile(), clock);
      await source.close();
      expect(run.status, run.error ?? '').toBe('ok');
    });
    expect(actual).toBe(expected);
  });
});
