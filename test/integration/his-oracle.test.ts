import fs from 'node:fs';
import knexFactory from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import type { HisConnectionConfig } from '../../src/main/config';
import { openHisSource } from '../../src/main/his/sources';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { demoViews, syncedBothWays } from '../helpers/his-foreign';

// No Oracle server runs on our build machines. Point FOLLOWUP_TEST_ORACLE at one (JSON of the
// `his.connection` config: client "oracledb", connectString, user, password; a schema the user
// may create tables in) to sync the demo views through the thin driver; see README.
const target = process.env.FOLLOWUP_TEST_ORACLE
  ? ({ callTimeoutMs: 60_000, ...JSON.parse(process.env.FOLLOWUP_TEST_ORACLE) } as Extract<HisConnectionConfig, { client: 'oracledb' }>)
  : null;

describe.skipIf(!target)('HIS on a real Oracle', () => {
  const his = makeDemoHis(150, 21);
  afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

  it('streams the demo views through oracledb (thin) with the same result as the SQLite file', async () => {
    const c = target!;
    const ora = knexFactory({ client: 'oracledb', connection: { user: c.user, password: c.password, connectString: c.connectString } });
    for (const view of demoViews(his.file)) {
      await ora.schema.dropTableIfExists(view.name);
      // Unquoted names, as a vendor's views have them: Oracle upper-cases them, and so does the profile's SQL.
      await ora.raw(
        `create table ${view.name} (${view.cols.map((col) => `${col.name} ${col.type === 'INTEGER' ? 'number(12)' : 'nvarchar2(255)'}`).join(', ')})`,
      );
      const rows = view.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toUpperCase(), v])));
      for (let i = 0; i < rows.length; i += 100) await ora(view.name.toUpperCase()).insert(rows.slice(i, i + 100));
    }
    await ora.destroy();
    const { expected, actual } = await syncedBothWays(his.file, () => openHisSource(c), fixedClock('2026-07-01 09:00:00'));
    expect(actual).toBe(expected);
  });
});
