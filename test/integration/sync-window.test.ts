import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/main/store/store';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// An incremental run reads the stored encounters of a business-date window by date, not by key
// (lookups.ts storedEncounters). These are the rows that reading could get wrong: a visit whose
// date moved into the window from before it, a key read twice whose last row equals the stored
// one, a new visit, and an edited one.

const his = makeDemoHis(300, 11);
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

const VISITS_SQL = fs.readFileSync(path.resolve(__dirname, '../../templates/his/demo/outpatient_visits.sql'), 'utf8').replace(/:since|:until/g, '?');
// The window the second run reads: its watermark (08:55) less the profile's 30 days, from midnight.
const WINDOW = ['2026-06-01 00:00:00', '9999-12-31 23:59:59'];

type Visit = { jzxh: string; mzh: string; brid: string; jzsj: string; ksmc: string; ysxm: string; zdbm: string; zdmc: string; thbz: number };

describe.each(STORE_KINDS)('an incremental visit window into %s', (kind) => {
  const file = his.file.replace(/\.sqlite$/, `-${kind}.sqlite`);
  let t: TestStore;
  let store: Store;
  const clock = fixedClock('2026-07-01 09:00:00');

  beforeAll(async () => {
    fs.copyFileSync(his.file, file);
    t = await createTestStore(kind);
    store = await t.open();
    expect((await syncOnce(store, file, clock)).status).toBe('ok');
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  const stored = (sourceId: string) => store.knex('encounters').where({ kind: 'outpatient', source_id: sourceId }).first();

  it('updates moved, edited and twice-read visits by key, inserts the new one, and nothing else', async () => {
    const db = new Database(file);
    const visits = db.prepare("select * from V_MZ_JZ where thbz = 0 and jzsj >= '2026-06-15' order by jzsj, jzxh").all() as Visit[];
    const [edited, twice] = visits;
    const moved = db.prepare("select * from V_MZ_JZ where thbz = 0 and jzsj < '2026-04-01' order by jzxh limit 1").get() as Visit;
    db.prepare("update V_MZ_JZ set ysxm = '改过的医生' where jzxh = ?").run(edited.jzxh);
    db.prepare("update V_MZ_JZ set jzsj = '2026-06-20 10:00:00' where jzxh = ?").run(moved.jzxh);
    // A stale copy of `twice`, read before it (an earlier time): the last row read must win.
    const earlier = `${twice.jzsj.slice(0, 10)} 00:00:00`;
    const insert = db.prepare('insert into V_MZ_JZ (jzxh, mzh, brid, jzsj, ksmc, ysxm, zdbm, zdmc, thbz) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(twice.jzxh, twice.mzh, twice.brid, earlier, twice.ksmc, '旧副本', twice.zdbm, twice.zdmc, 0);
    insert.run('NEW0000001', edited.mzh, edited.brid, '2026-06-28 08:30:00', edited.ksmc, '新来的医生', edited.zdbm, edited.zdmc, 0);
    // Which row of `twice` the profile's SQL reads last decides what must be stored.
    const readOrder = (db.prepare(VISITS_SQL).all(...WINDOW) as { source_visit_id: string; doctor_name: string }[])
      .filter((r) => r.source_visit_id === twice.jzxh)
      .map((r) => r.doctor_name);
    db.close();
    expect(readOrder).toEqual(['旧副本', twice.ysxm]);
    const before = Number((await store.knex('encounters').count({ n: '*' }))[0].n);

    clock.set('2026-07-01 10:00:00');
    // One row per batch, so the copy and the row itself are written in different batches.
    const run = await syncOnce(store, file, clock, { batchSize: 1 });

    expect(run.status).toBe('ok');
    expect(run.counts.outpatient_visits).toMatchObject({ inserted: 1, updated: 4 });
    expect(Number((await store.knex('encounters').count({ n: '*' }))[0].n)).toBe(before + 1);
    expect(await stored(edited.jzxh)).toMatchObject({ doctor_name: '改过的医生' });
    expect(await stored(moved.jzxh)).toMatchObject({ event_date: '2026-06-20', event_time: '2026-06-20 10:00:00' });
    expect(await stored(twice.jzxh)).toMatchObject({ doctor_name: twice.ysxm, event_time: twice.jzsj.slice(0, 19) });
    expect(await stored('NEW0000001')).toMatchObject({ doctor_name: '新来的医生', event_date: '2026-06-28' });
  });

  it('then reads the same window again and changes nothing', async () => {
    const db = new Database(file);
    db.prepare("delete from V_MZ_JZ where ysxm = '旧副本'").run();
    db.close();
    clock.set('2026-07-01 11:00:00');
    const run = await syncOnce(store, file, clock);
    for (const [entity, c] of Object.entries(run.counts))
      expect({ entity, inserted: c.inserted, updated: c.updated }).toEqual({ entity, inserted: 0, updated: 0 });
  });
});
