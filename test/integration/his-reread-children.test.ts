import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/main/his/profile';
import { openHisSource } from '../../src/main/his/sources';
import type { HisConnectionConfig } from '../../src/main/config';
import { openSqliteSource } from '../../src/main/his/sources/sqlite-source';
import { runSync } from '../../src/main/his/sync-runner';
import type { Store } from '../../src/main/store/store';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { editedDemoProfile } from '../helpers/his-profile-copy';
import { createTestStore, PG_ADMIN, STORE_KINDS, type TestStore } from '../helpers/stores';

// V_ZY_ZD has no modification time: a diagnosis coded days after the discharge leaves the
// stay's xgsj alone, so the diagnoses SQL, driven by the stays' xgsj, never sees it. With
// `rereadChildrenDays` an incremental sync also re-reads the diagnoses of stays discharged in
// the last N days (:reread_since_date against this vendor's char(16) 'yyyymmddhh:mi:ss' cyrq).
const REREAD_SQL = {
  'inpatient_diagnoses.sql': (s: string) =>
    s.replace('WHERE a.xgsj >= :since AND a.xgsj < :until', "WHERE (a.xgsj >= :since AND a.xgsj < :until) OR a.cyrq >= REPLACE(:reread_since_date, '-', '')"),
};
const withOption = editedDemoProfile({
  sql: REREAD_SQL,
  profile: (p) => {
    const diagnoses = (p.entities as { entity: string; rereadChildrenDays?: number }[]).find((e) => e.entity === 'inpatient_diagnoses')!;
    diagnoses.rereadChildrenDays = 30;
  },
});
// The same SQL without the option: :reread_since_date then lies beyond every row.
const withoutOption = editedDemoProfile({ sql: REREAD_SQL });

const his = makeDemoHis(120, 5);
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

/** A discharged stay last changed well before the first sync: recently discharged, and long ago. */
function pickStays(): { recent: string; old: string } {
  const db = new Database(his.file, { readonly: true });
  try {
    const one = (where: string) =>
      (
        db
          .prepare(
            `select zyh from V_ZY_CYBR where cypb = 8 and zyh like 'Z%' and brid in (select brid from V_BRXX)
             and xgsj < '2026-06-30 00:00:00' and ${where} order by zyh limit 1`,
          )
          .get() as { zyh: string }
      ).zyh;
    return { recent: one("cyrq >= '20260610' and cyrq < '20260630'"), old: one("cyrq < '20260501'") };
  } finally {
    db.close();
  }
}
const stays = pickStays();

describe.each(STORE_KINDS)('re-reading diagnoses of recent stays into %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const file = his.file.replace(/\.sqlite$/, `-reread-${kind}.sqlite`);
  const clock = fixedClock('2026-07-01 09:00:00');
  const sync = async (profileDir: string) => {
    const source = openSqliteSource(file);
    try {
      return await runSync(store, source, loadProfile(profileDir), clock);
    } finally {
      await source.close();
    }
  };
  const codes = async (zyh: string) =>
    (await store
      .knex('diagnoses as d')
      .join('encounters as e', 'e.id', 'd.encounter_id')
      .where({ 'e.kind': 'inpatient', 'e.source_id': zyh })
      .orderBy('d.seq_no')
      .pluck('d.code_raw')) as string[];

  beforeAll(async () => {
    fs.copyFileSync(his.file, file);
    t = await createTestStore(kind);
    store = await t.open();
    const first = await sync(withOption);
    expect(first.status).toBe('ok');
    // Coded after the discharge: a new row in V_ZY_ZD, nothing else changes in the HIS.
    const db = new Database(file);
    const add = db.prepare("insert into V_ZY_ZD (zyh, zdlb, zdxh, zdbm, zdmc, zyzdbz) values (?, '3', 99, 'E11.900', '2型糖尿病', 0)");
    add.run(stays.recent);
    add.run(stays.old);
    db.close();
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('an incremental sync without the option misses a diagnosis coded after the discharge', async () => {
    clock.set('2026-07-02 09:00:00');
    const run = await sync(withoutOption);
    expect(run.status).toBe('ok');
    expect(await codes(stays.recent)).not.toContain('E11.900');
    expect(run.counts.inpatient_diagnoses).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('with the option it re-reads the stays discharged in the last N days, and only those', async () => {
    const before = await codes(stays.recent);
    clock.set('2026-07-02 10:00:00');
    const run = await sync(withOption);
    expect(run.status).toBe('ok');
    expect(await codes(stays.recent)).toEqual([...before, 'E11.900']);
    // Discharged more than 30 days ago: outside the re-read.
    expect(await codes(stays.old)).not.toContain('E11.900');
    // The other recent stays' diagnoses were read again and found unchanged.
    expect(run.counts.inpatient_diagnoses.unchanged).toBeGreaterThan(0);
    expect(run.counts.inpatient_diagnoses.updated).toBe(before.length + 1);
    expect(run.counts.inpatient_diagnoses.inserted).toBe(0);
  });

  it('a rerun changes nothing and duplicates nothing', async () => {
    const before = Number((await store.knex('diagnoses').count({ n: '*' }))[0].n);
    clock.set('2026-07-02 11:00:00');
    const run = await sync(withOption);
    for (const [entity, c] of Object.entries(run.counts))
      expect({ entity, inserted: c.inserted, updated: c.updated }).toEqual({ entity, inserted: 0, updated: 0 });
    expect(Number((await store.knex('diagnoses').count({ n: '*' }))[0].n)).toBe(before);
    expect((await codes(stays.recent)).filter((c) => c === 'E11.900')).toHaveLength(1);
  });

  it('--full still takes the late diagnosis of an old stay', async () => {
    clock.set('2026-07-02 12:00:00');
    const source = openSqliteSource(file);
    try {
      const run = await runSync(store, source, loadProfile(withoutOption), clock, { full: true });
      expect(run.status).toBe('ok');
    } finally {
      await source.close();
    }
    expect(await codes(stays.old)).toContain('E11.900');
  });
});

// The parameters reach every driver: the same profile over PostgreSQL ($n) and MariaDB (?) HIS stand-ins.
async function copyHis(target: Knex, lowerCaseTables: boolean) {
  const src = new Database(his.file, { readonly: true });
  for (const { name: table } of src.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as {
    name: string;
  }[]) {
    const cols = src.prepare(`pragma table_info(${table})`).all() as { name: string; type: string }[];
    const name = lowerCaseTables ? table.toLowerCase() : table;
    await target.schema.createTable(name, (t) => cols.forEach((c) => (c.type === 'INTEGER' ? t.integer(c.name) : t.text(c.name))));
    const rows = src.prepare(`select * from ${table}`).all();
    for (let i = 0; i < rows.length; i += 500) await target(name).insert(rows.slice(i, i + 500));
  }
  src.close();
}

const SERVER_HIS: { name: string; open(): Promise<{ knex: Knex; config: HisConnectionConfig; lower: boolean; drop(): Promise<void> }> }[] = [
  {
    name: 'PostgreSQL',
    async open() {
      const db = `his_test_${randomBytes(4).toString('hex')}`;
      const admin = knexFactory({ client: 'pg', connection: PG_ADMIN, pool: { min: 0, max: 1 } });
      await admin.raw(`create database ${db}`);
      const url = new URL(PG_ADMIN);
      url.pathname = `/${db}`;
      const knex = knexFactory({ client: 'pg', connection: url.toString() });
      const drop = async () => {
        await knex.destroy();
        await admin.raw(`drop database if exists ${db} with (force)`);
        await admin.destroy();
      };
      return { knex, config: { client: 'pg', connection: url.toString() }, lower: true, drop };
    },
  },
  {
    name: 'MariaDB',
    async open() {
      const db = `his_test_${randomBytes(4).toString('hex')}`;
      const root = knexFactory({ client: 'mysql2', connection: { host: '127.0.0.1', user: 'root', charset: 'utf8mb4' } });
      await root.raw(`create database ${db} character set utf8mb4 collate utf8mb4_bin`);
      const conn = { host: '127.0.0.1', user: 'root', database: db, charset: 'utf8mb4' };
      const knex = knexFactory({ client: 'mysql2', connection: conn });
      const drop = async () => {
        await knex.destroy();
        await root.raw(`drop database if exists ${db}`);
        await root.destroy();
      };
      return { knex, config: { client: 'mysql', connection: conn }, lower: false, drop };
    },
  },
];

describe.each(SERVER_HIS)('re-reading diagnoses from a $name HIS', (server) => {
  it('picks up the late diagnosis with the option, not without it', async () => {
    const target = await server.open();
    const t = await createTestStore('sqlite');
    const store = await t.open();
    const clock = fixedClock('2026-07-01 09:00:00');
    const sync = async (profileDir: string) => {
      const source = await openHisSource(target.config);
      try {
        return await runSync(store, source, loadProfile(profileDir), clock);
      } finally {
        await source.close();
      }
    };
    const hasLate = async () =>
      (await store
        .knex('diagnoses as d')
        .join('encounters as e', 'e.id', 'd.encounter_id')
        .where({ 'e.source_id': stays.recent, 'd.code_raw': 'E11.900' })
        .first()) !== undefined;
    try {
      await copyHis(target.knex, target.lower);
      expect((await sync(withOption)).status).toBe('ok');
      await target.knex(target.lower ? 'v_zy_zd' : 'V_ZY_ZD').insert({ zyh: stays.recent, zdlb: '3', zdxh: 99, zdbm: 'E11.900', zdmc: '2型糖尿病', zyzdbz: 0 });
      clock.set('2026-07-02 09:00:00');
      const without = await sync(withoutOption);
      expect(without.status, without.error ?? '').toBe('ok');
      expect(await hasLate()).toBe(false);
      clock.set('2026-07-02 10:00:00');
      const withIt = await sync(withOption);
      expect(withIt.status, withIt.error ?? '').toBe('ok');
      expect(await hasLate()).toBe(true);
    } finally {
      await store.close();
      await t.drop();
      await target.drop();
    }
  });
});
