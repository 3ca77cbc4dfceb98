import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import knexFactory from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/main/his/check';
import { loadProfile } from '../../src/main/his/profile';
import { openHisSource } from '../../src/main/his/sources';
import type { HisCheckReport } from '../../src/shared/his-check';
import { createUser } from '../../src/main/auth/users';
import { ipcDispatch } from '../helpers/dispatch';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { editedDemoProfile, misspelledAlias, missingView, unmappedCode } from '../helpers/his-profile-copy';
import { createTestStore, PG_ADMIN, STORE_KINDS, tempDir } from '../helpers/stores';

const his = makeDemoHis(200, 9, '2026-06-30');
const clock = fixedClock('2026-07-01 09:00:00');
const dirs = [his.dir];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe.each(STORE_KINDS)('sync.check for the admin on the sync screen (%s store)', (kind) => {
  it("checks the data folder's own profile and is refused to a head nurse", async () => {
    const dir = tempDir('followup-his-check-api');
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ his: { profile: 'mine', connection: { client: 'sqlite', filename: his.file } } }));
    editedDemoProfile(unmappedCode, path.join(dir, 'his-profiles', 'mine'));
    const t = await createTestStore(kind);
    const store = await t.open();
    try {
      const admin = await createUser(store.knex, clock, { username: 'admin1', displayName: '管理员', role: 'admin', password: 'secret-123' });
      const head = await createUser(store.knex, clock, { username: 'head1', displayName: '护士长', role: 'head', password: 'secret-123' });
      const call = ipcDispatch(store, clock, dir);
      const r = (await call(admin, 'sync.check', { days: 30 })) as HisCheckReport;
      expect(r.profileDir).toBe(path.join(dir, 'his-profiles', 'mine'));
      expect(r.ok).toBe(false);
      expect(r.entities.find((e) => e.entity === 'inpatient_stays')!.unmappedCodes.map((c) => c.value)).toContain('8');
      await expect(call(head, 'sync.check', { days: 30 })).rejects.toMatchObject({ code: 'forbidden' });
      // The dispatcher audits the check (it shows masked samples of patient data).
      expect(Number((await store.knex('audit_log').where({ action: 'sync.check' }).count({ n: '*' }))[0].n)).toBe(1);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});

describe('his check on a PostgreSQL HIS', () => {
  it('names the misspelled alias and the missing view with PostgreSQL’s own message', async () => {
    const db = `his_check_${randomBytes(4).toString('hex')}`;
    const adminDb = knexFactory({ client: 'pg', connection: PG_ADMIN, pool: { min: 0, max: 1 } });
    await adminDb.raw(`create database ${db}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${db}`;
    const pg = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
    try {
      // The demo views as lower-case PostgreSQL tables (unquoted names fold to lower case).
      const src = new Database(his.file, { readonly: true });
      for (const { name } of src.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as { name: string }[]) {
        const cols = src.prepare(`pragma table_info(${name})`).all() as { name: string; type: string }[];
        await pg.schema.createTable(name.toLowerCase(), (tb) => cols.forEach((c) => (c.type === 'INTEGER' ? tb.integer(c.name) : tb.string(c.name, 255))));
        const rows = src.prepare(`select * from ${name}`).all();
        for (let i = 0; i < rows.length; i += 500) await pg(name.toLowerCase()).insert(rows.slice(i, i + 500));
      }
      src.close();
      const profile = loadProfile(editedDemoProfile({ sql: { ...misspelledAlias.sql, ...missingView.sql } }));
      const source = await openHisSource({ client: 'pg', connection: url.toString() });
      let r: HisCheckReport;
      try {
        r = await checkProfile(source, profile, clock, { days: 30 });
      } finally {
        await source.close();
      }
      const stays = r.entities.find((e) => e.entity === 'inpatient_stays')!;
      expect(stays.missingRequired).toEqual([{ column: 'discharge_dept_code', nearest: 'discharge_dept' }]);
      expect(r.entities.find((e) => e.entity === 'outpatient_visits')!.error).toMatch(/relation "v_mz_jzxx" does not exist/);
      expect(r.entities.find((e) => e.entity === 'patients')!.rowsRead).toBeGreaterThan(0);
    } finally {
      await pg.destroy();
      await adminDb.raw(`drop database if exists ${db} with (force)`);
      await adminDb.destroy();
    }
  });
});
