import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientTimeline } from '../../src/main/patients/timeline';
import { openHisSource } from '../../src/main/his/sources';
import { runSync } from '../../src/main/his/sync-runner';
import type { Store } from '../../src/main/store/store';
import { demoProfile, fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// Issue 12: patient merges resolve to the final survivor whatever order the rows come in —
// chains read newest first, a merge read before its records, and a merge that would loop.
const his = makeDemoHis(50, 9);
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

type Db = Database.Database;
const withHis = <T>(file: string, fn: (db: Db) => T): T => {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};

/** A HIS patient cloned from an existing one, with one outpatient visit of its own. */
function addPatient(db: Db, brid: string, xgsj: string) {
  const p = db.prepare('select * from V_BRXX where zxbz = 0 order by brid limit 1').get() as Record<string, unknown>;
  db.prepare(
    `insert into V_BRXX (${Object.keys(p).join(',')}) values (${Object.keys(p)
      .map(() => '?')
      .join(',')})`,
  ).run(...Object.values({ ...p, brid, xm: `合并${brid}`, xgsj }));
  const v = db.prepare('select * from V_MZ_JZ where thbz = 0 and ksmc <> ? order by jzxh limit 1').get('不存在科') as Record<string, unknown>;
  db.prepare(
    `insert into V_MZ_JZ (${Object.keys(v).join(',')}) values (${Object.keys(v)
      .map(() => '?')
      .join(',')})`,
  ).run(...Object.values({ ...v, jzxh: `V${brid}`, brid, jzsj: '2026-06-25 10:00:00' }));
}
const addMerge = (db: Db, obsolete: string, surviving: string, hbsj: string) =>
  db.prepare('insert into V_BR_HB (ybrid, xbrid, hbsj) values (?, ?, ?)').run(obsolete, surviving, hbsj);

/** A → B → C, the rows read newest first (B → C before A → B). */
function plantChain(file: string) {
  withHis(file, (db) => {
    for (const brid of ['MA', 'MB', 'MC']) addPatient(db, brid, '2026-06-30 08:00:00');
    addMerge(db, 'MB', 'MC', '2026-06-30 10:00:00');
    addMerge(db, 'MA', 'MB', '2026-06-29 10:00:00');
  });
}

async function expectOnSurvivor(store: Store, survivor: string, merged: string[]) {
  const keep = await store.knex('patients').where({ source_system: 'demo-his', source_patient_id: survivor }).first();
  expect(keep.status).not.toBe('merged');
  for (const brid of merged) {
    const old = await store.knex('patients').where({ source_system: 'demo-his', source_patient_id: brid }).first();
    expect({ brid, into: old.merged_into_patient_id, status: old.status }).toEqual({ brid, into: keep.id, status: 'merged' });
    const visit = await store
      .knex('encounters')
      .where({ kind: 'outpatient', source_id: `V${brid}` })
      .first();
    expect({ brid, patient: visit.patient_id }).toEqual({ brid, patient: keep.id });
  }
  const tl = await patientTimeline(store.knex, keep.id, 'nurse', '2026-07-01');
  const shown = tl.events.map((e) => e.encounterId);
  for (const brid of [survivor, ...merged]) {
    const visit = await store
      .knex('encounters')
      .where({ kind: 'outpatient', source_id: `V${brid}` })
      .first();
    expect(shown).toContain(visit.id);
  }
  expect([...tl.patient.mergedFrom].sort()).toEqual([...merged].sort());
}

describe.each(STORE_KINDS)('patient merges into %s', (kind) => {
  const file = his.file.replace(/\.sqlite$/, `-merges-${kind}.sqlite`);
  const clock = fixedClock('2026-07-01 09:00:00');
  let t: TestStore;
  let store: Store;
  const sync = async (at: string) => {
    clock.set(at);
    const run = await syncOnce(store, file, clock);
    expect(run.status, run.error ?? '').toBe('ok');
    return run;
  };
  const mergeRejections = () => store.knex('rejected_rows').where({ entity: 'merges' }).select('source_key', 'reason');

  beforeAll(async () => {
    fs.copyFileSync(his.file, file);
    plantChain(file);
    t = await createTestStore(kind);
    store = await t.open();
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('follows a chain to its final survivor when the merges are read newest first', async () => {
    await sync('2026-07-01 09:00:00');
    await expectOnSurvivor(store, 'MC', ['MA', 'MB']);
  });

  it('applies a merge read before its records once they arrive, and extends chains later', async () => {
    // MD → MC comes before MD exists in the HIS view.
    withHis(file, (db) => addMerge(db, 'MD', 'MC', '2026-07-01 09:30:00'));
    const early = await sync('2026-07-01 10:00:00');
    expect(early.counts.merges).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await mergeRejections()).toEqual([]);
    withHis(file, (db) => addPatient(db, 'MD', '2026-07-01 10:30:00'));
    await sync('2026-07-01 11:00:00');
    await expectOnSurvivor(store, 'MC', ['MA', 'MB', 'MD']);

    // The survivor is merged on, into a record that arrives a run later.
    withHis(file, (db) => addMerge(db, 'MC', 'MG', '2026-07-01 11:30:00'));
    await sync('2026-07-01 12:00:00');
    await expectOnSurvivor(store, 'MC', ['MA', 'MB', 'MD']);
    withHis(file, (db) => addPatient(db, 'MG', '2026-07-01 12:30:00'));
    await sync('2026-07-01 13:00:00');
    await expectOnSurvivor(store, 'MG', ['MA', 'MB', 'MC', 'MD']);
    expect(await mergeRejections()).toEqual([]);
  });

  it('refuses a merge that would close a loop', async () => {
    withHis(file, (db) => addMerge(db, 'MG', 'MA', '2026-07-01 13:30:00'));
    const run = await sync('2026-07-01 14:00:00');
    expect(run.counts.merges.rejected).toBe(1);
    expect(await mergeRejections()).toEqual([{ source_key: 'MG', reason: 'merge cycle' }]);
    await expectOnSurvivor(store, 'MG', ['MA', 'MB', 'MC', 'MD']);
  });
});

describe('patient merges read from a MariaDB HIS', () => {
  const file = his.file.replace(/\.sqlite$/, '-merges-mariadb.sqlite');
  const db = `his_test_${randomBytes(4).toString('hex')}`;
  const root = knexFactory({ client: 'mysql2', connection: { host: '127.0.0.1', user: 'root', charset: 'utf8mb4' } });
  const conn = { host: '127.0.0.1', user: 'root', database: db, charset: 'utf8mb4' };

  beforeAll(async () => {
    fs.copyFileSync(his.file, file);
    plantChain(file);
    await root.raw(`create database ${db} character set utf8mb4 collate utf8mb4_bin`);
    const my = knexFactory({ client: 'mysql2', connection: conn });
    try {
      const src = new Database(file, { readonly: true });
      const tables = (src.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as { name: string }[]).map(
        (r) => r.name,
      );
      for (const table of tables) {
        const cols = src.prepare(`pragma table_info(${table})`).all() as { name: string; type: string }[];
        await my.schema.createTable(table, (tb) => cols.forEach((c) => (c.type === 'INTEGER' ? tb.integer(c.name) : tb.string(c.name, 255))));
        // Row by row in the file's order, so the view reads B → C before A → B as the file does.
        const rows = src.prepare(`select * from ${table} order by rowid`).all();
        for (let i = 0; i < rows.length; i += 500) await my(table).insert(rows.slice(i, i + 500));
      }
      src.close();
    } finally {
      await my.destroy();
    }
  });
  afterAll(async () => {
    await root.raw(`drop database if exists ${db}`);
    await root.destroy();
  });

  it.each(STORE_KINDS)('resolves the chain into a %s store', async (kind) => {
    const t = await createTestStore(kind);
    const store = await t.open();
    try {
      const source = await openHisSource({ client: 'mysql', connection: conn });
      const run = await runSync(store, source, demoProfile(), fixedClock('2026-07-01 09:00:00'), { batchSize: 7 });
      await source.close();
      expect(run.status, run.error ?? '').toBe('ok');
      await expectOnSurvivor(store, 'MC', ['MA', 'MB']);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});
