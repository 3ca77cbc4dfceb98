import fs from 'node:fs';
import knexFactory from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import type { HisConnectionConfig } from '../../src/main/config';
import { openHisSource } from '../../src/main/his/sources';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { demoViews, syncedBothWays } from '../helpers/his-foreign';

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
    for (const view of demoViews(his.file)) {
      await ms.schema.dropTableIfExists(view.name);
      // varchar + Chinese_PRC_CI_AS exercises tedious' CP936 decoding, as in real HIS views.
      await ms.raw(
        `create table ${view.name} (${view.cols.map((col) => `${col.name} ${col.type === 'INTEGER' ? 'int' : 'varchar(255) collate Chinese_PRC_CI_AS'}`).join(', ')})`,
      );
      for (let i = 0; i < view.rows.length; i += 100) await ms(view.name).insert(view.rows.slice(i, i + 100));
    }
    await ms.destroy();
    const { expected, actual } = await syncedBothWays(his.file, () => openHisSource(c), fixedClock('2026-07-01 09:00:00'));
    expect(actual).toBe(expected);
  });
});
