import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/main/his/profile';
import { openSqliteSource } from '../../src/main/his/sources/sqlite-source';
import { runSync } from '../../src/main/his/sync-runner';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { editedDemoProfile, misspelledAlias } from '../helpers/his-profile-copy';
import { createTestStore, STORE_KINDS } from '../helpers/stores';

const his = makeDemoHis(200, 11, '2026-06-30');
const clock = fixedClock('2026-07-01 09:00:00');
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

describe.each(STORE_KINDS)('a sync whose SQL lacks a required column (%s store)', (kind) => {
  it('stops with a message naming the entity, the column and the misspelling, and is not ok', async () => {
    const t = await createTestStore(kind);
    const store = await t.open();
    const source = openSqliteSource(his.file);
    try {
      const run = await runSync(store, source, loadProfile(editedDemoProfile(misspelledAlias)), clock);
      expect(run.status).toBe('failed');
      expect(run.error).toContain('HIS 配置文件 inpatient_stays 的 SQL 缺少必需列 discharge_dept_code');
      expect(run.error).toContain('(the HIS profile');
      expect(run.error).toContain('the SQL returns discharge_dept: misspelled?');
      // Stopped before writing a stay: nothing rejected as "unknown department", no stays stored.
      expect(Number((await store.knex('encounters').where({ kind: 'inpatient' }).count({ n: '*' }))[0].n)).toBe(0);
      expect(Number((await store.knex('rejected_rows').where({ entity: 'inpatient_stays' }).count({ n: '*' }))[0].n)).toBe(0);
      const [row] = await store.knex('sync_runs').where({ id: run.id });
      expect(row.status).toBe('failed');
      // The watermark of the stopped entity did not move: a fixed profile re-reads the window.
      expect(await store.knex('sync_state').where({ entity: 'inpatient_stays' })).toEqual([]);
    } finally {
      await source.close();
      await store.close();
      await t.drop();
    }
  });
});
