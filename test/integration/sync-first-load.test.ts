import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { deferIndexes } from '../../src/main/his/bulk-indexes';
import { restoreIndexes } from '../../src/main/store/deferred-indexes';
import { readInWorker } from '../../src/main/his/sources/sqlite-reader';
import { openSqliteSource } from '../../src/main/his/sources/sqlite-source';
import { openStore } from '../../src/main/store/store';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir } from '../helpers/stores';

// A first load (nothing of the source stored yet) skips per-key lookups and reads the HIS on a
// worker thread; these tests hold it to the result of the ordinary, looked-up path.
const his = makeDemoHis(300, 11);
const dir = tempDir('followup-first-load');
afterAll(() => {
  fs.rmSync(his.dir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The HIS with one stay and one patient row repeated, far apart in the read order. */
function hisWithRepeats(): string {
  const file = path.join(dir, 'repeats.sqlite');
  fs.copyFileSync(his.file, file);
  const db = new Database(file);
  // Ordinary rows from the middle of the views (the first ones are planted bad rows).
  db.exec(`insert into V_ZY_CYBR select * from V_ZY_CYBR where zyh = (select zyh from V_ZY_CYBR order by zyh limit 1 offset 50)`);
  db.exec('insert into V_BRXX select * from V_BRXX where brid = (select brid from V_BRXX order by brid limit 1 offset 50)');
  // Read last (the view is read in xgsj order): the repeat lands in a later batch.
  db.exec('update V_BRXX set xgsj = (select max(xgsj) from V_BRXX) where rowid = (select max(rowid) from V_BRXX)');
  db.close();
  return file;
}

describe.each(STORE_KINDS)('first load into %s', (kind) => {
  it('stores exactly what a full re-read through the ordinary path finds unchanged, repeats included', async () => {
    const t = await createTestStore(kind);
    const store = await t.open();
    try {
      const file = hisWithRepeats();
      const clock = fixedClock('2026-07-01 09:00:00');
      // Small batches put a repeated key in a later batch than its first row.
      const first = await syncOnce(store, file, clock, { batchSize: 25, rowsPerCommit: 100 });
      expect(first.status).toBe('ok');
      expect(first.counts.inpatient_stays.unchanged).toBeGreaterThanOrEqual(1);
      expect(first.counts.patients.unchanged).toBeGreaterThanOrEqual(1);
      const dupes = await store.knex('encounters').select('kind', 'source_id').groupBy('kind', 'source_id').havingRaw('count(*) > 1');
      expect(dupes).toEqual([]);

      clock.set('2026-07-01 10:00:00');
      const again = await syncOnce(store, file, clock, { full: true });
      expect(again.status).toBe('ok');
      for (const [entity, c] of Object.entries(again.counts)) {
        expect(c.inserted, `${entity} inserted on the full re-read`).toBe(0);
        expect(c.updated, `${entity} updated on the full re-read`).toBe(0);
      }
      expect(again.counts.inpatient_diagnoses.unchanged).toBeGreaterThan(0);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});

describe.each(STORE_KINDS)('a HIS with empty views, into %s', (kind) => {
  it('syncs to nothing without error, then loads the rows once they appear', async () => {
    const file = path.join(dir, `empty-${kind}.sqlite`);
    fs.copyFileSync(his.file, file);
    const db = new Database(file);
    const views = (db.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(views.length).toBeGreaterThan(5);
    for (const v of views) db.exec(`delete from ${v}`);
    db.close();
    const t = await createTestStore(kind);
    const store = await t.open();
    try {
      const clock = fixedClock('2026-07-01 09:00:00');
      const empty = await syncOnce(store, file, clock);
      expect(empty.status).toBe('ok');
      expect(Object.values(empty.counts).every((c) => c.read === 0 && c.rejected === 0)).toBe(true);
      expect(Number((await store.knex('rejected_rows').count({ n: '*' }))[0].n)).toBe(0);

      fs.copyFileSync(his.file, file);
      clock.set('2026-07-01 10:00:00');
      const full = await syncOnce(store, file, clock);
      expect(full.status).toBe('ok');
      expect(full.counts.patients.inserted).toBe(Number((await store.knex('patients').count({ n: '*' }))[0].n));
      expect(full.counts.patients.inserted).toBeGreaterThan(290);
      expect(Number((await store.knex('encounters').count({ n: '*' }))[0].n)).toBeGreaterThan(300);
    } finally {
      await store.close();
      await t.drop();
    }
  });
});

describe('deferred indexes', () => {
  it('builds the indexes of the named tables only, and the rest later', async () => {
    const file = path.join(dir, 'indexes.sqlite');
    await (await openStore({ client: 'sqlite', filename: file })).close();
    const db = new Database(file);
    const names = (table: string) =>
      (db.prepare("select name from sqlite_master where type = 'index' and tbl_name = ? and sql is not null").all(table) as { name: string }[]).map(
        (r) => r.name,
      );
    const before = { patients: names('patients'), encounters: names('encounters') };
    expect(deferIndexes(db)).toBeGreaterThan(0);
    expect(names('patients')).toEqual(['patients_source_system_source_patient_id_unique']);
    expect(restoreIndexes(db, ['patients', 'phones'])).toBeGreaterThan(0);
    expect(names('patients').sort()).toEqual(before.patients.sort());
    expect(names('encounters').length).toBeLessThan(before.encounters.length);
    expect(restoreIndexes(db)).toBeGreaterThan(0);
    expect(names('encounters').sort()).toEqual(before.encounters.sort());
    expect(db.prepare('select count(*) n from deferred_indexes').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('the SQLite HIS reader thread', () => {
  const readAll = async (sql: string, batchSize: number) => {
    const source = openSqliteSource(his.file);
    try {
      const rows: Record<string, unknown>[] = [];
      for await (const batch of source.stream(sql, {}, batchSize)) rows.push(...batch);
      return rows;
    } finally {
      await source.close();
    }
  };

  it('gives the same rows, values and types as reading directly', async () => {
    const sql = 'select brid, xm, csrq, lxdh, xgsj, 1.5 as ratio, null as empty from V_BRXX order by brid';
    const db = new Database(his.file, { readonly: true });
    const direct = db.prepare(sql).all();
    db.close();
    expect(await readAll(sql, 7)).toEqual(direct);
  });

  it('reads on the calling thread when no reader thread can start', async () => {
    const sql = 'select brid, xm, xgsj from V_BRXX order by brid';
    const db = new Database(his.file, { readonly: true });
    const direct = db.prepare(sql).all();
    db.close();
    const rows: unknown[] = [];
    for await (const batch of readInWorker(his.file, sql, [], 9, 'throw new Error("no threads in this build")')) rows.push(...batch);
    expect(rows).toEqual(direct);
  });

  it('reports a bad view query with the database message', async () => {
    await expect(readAll('select * from V_NO_SUCH_VIEW', 10)).rejects.toThrow(/no such table: V_NO_SUCH_VIEW/);
  });

  it('stops reading when the sync stops early, without hanging', async () => {
    const source = openSqliteSource(his.file);
    let batches = 0;
    for await (const _ of source.stream('select * from V_ZY_ZD', {}, 5)) if (++batches === 2) break;
    await source.close();
    expect(batches).toBe(2);
  });
});
