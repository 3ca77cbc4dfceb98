import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtered } from '../../src/main/patients/finder';
import { patientTimeline } from '../../src/main/patients/timeline';
import { matchPlan } from '../../src/main/plans/matching';
import type { Store } from '../../src/main/store/store';
import { findInput } from '../../src/shared/contract';
import { planDefinitionSchema } from '../../src/shared/plans/schema';
import { planDef } from '../helpers/followup';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// Issue 12: stay states as a vendor HIS codes them (B-soft CYPB 0 在院, 1 通知出院, 2 预结出院,
// 8/9 出院, 99 注销出院), including a cancellation that clears the dates.
const his = makeDemoHis(60, 5);
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

const STAY_COLS = 'zyh, zyhm, brid, ryrq, cyrq, ryks, cyks, zzys, lyfs, cypb, xgsj';

describe.each(STORE_KINDS)('HIS stay states into %s', (kind) => {
  const file = his.file.replace(/\.sqlite$/, `-stays-${kind}.sqlite`);
  const clock = fixedClock('2026-07-01 09:00:00');
  let t: TestStore;
  let store: Store;
  // Two discharged stays the HIS later cancels, and a patient and department to admit new ones.
  let cancelled: { zyh: string; zyhm: string }[];
  let brid: string;
  let dept: string;

  const hisRun = (fn: (db: Database.Database) => void) => {
    const db = new Database(file);
    try {
      fn(db);
    } finally {
      db.close();
    }
  };
  const stay = (zyh: string) => store.knex('encounters').where({ kind: 'inpatient', source_id: zyh }).first();
  const rejections = (zyh: string) => store.knex('rejected_rows').where({ entity: 'inpatient_stays', source_key: zyh }).pluck('reason');
  // The finder's own WHERE (its inpatient search), narrowed to one stay.
  const inFinder = async (zyh: string) => {
    const apply = (await filtered(store.knex, findInput.parse({})))!;
    const [{ n }] = await apply(store.knex('encounters as e')).where('e.source_id', zyh).count({ n: '*' });
    return Number(n) === 1;
  };

  beforeAll(async () => {
    fs.copyFileSync(his.file, file);
    hisRun((db) => {
      cancelled = db.prepare("select zyh, zyhm from V_ZY_CYBR where cypb = 8 and zyh like 'Z%' order by zyh limit 2").all() as typeof cancelled;
      const row = db.prepare('select brid, cyks from V_ZY_CYBR where zyh = ?').get(cancelled[0].zyh) as { brid: string; cyks: string };
      brid = row.brid;
      dept = row.cyks;
    });
    t = await createTestStore(kind);
    store = await t.open();
    expect((await syncOnce(store, file, clock)).status).toBe('ok');
    for (const c of cancelled) expect((await stay(c.zyh)).status).toBe('discharged');
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('a discharge cancelled with its dates cleared marks the stored stay cancelled, and the finder drops it', async () => {
    expect(await inFinder(cancelled[0].zyh)).toBe(true);
    hisRun((db) => {
      // One vendor clears the discharge date only, another both dates.
      db.prepare("update V_ZY_CYBR set cypb = 99, cyrq = null, xgsj = '2026-07-01 09:30:00' where zyh = ?").run(cancelled[0].zyh);
      db.prepare("update V_ZY_CYBR set cypb = 99, cyrq = '', ryrq = null, cyks = null, xgsj = '2026-07-01 09:30:00' where zyh = ?").run(cancelled[1].zyh);
    });
    clock.set('2026-07-01 10:00:00');
    const run = await syncOnce(store, file, clock);
    expect(run.status).toBe('ok');
    expect(run.counts.inpatient_stays).toMatchObject({ updated: 2, rejected: 0 });
    for (const c of cancelled) {
      expect(await rejections(c.zyh)).toEqual([]);
      expect(await stay(c.zyh)).toMatchObject({ status: 'cancelled', source_status_raw: '99' });
      expect(await inFinder(c.zyh)).toBe(false);
    }
    // The stay kept its dates, so the timeline still places it.
    expect((await stay(cancelled[1].zyh)).admit_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    clock.set('2026-07-01 11:00:00');
    const again = await syncOnce(store, file, clock);
    expect(again.counts.inpatient_stays).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
  });

  it('stays under way load as their own states and never count as discharges', async () => {
    const insert = (zyh: string, ryrq: string, cyrq: string | null, cyks: string | null, cypb: number) =>
      hisRun((db) =>
        db
          .prepare(`insert into V_ZY_CYBR (${STAY_COLS}) values (?,?,?,?,?,?,?,?,?,?,?)`)
          .run(zyh, `9${zyh.slice(1)}`, brid, ryrq, cyrq, dept, cyks, '王医生', null, cypb, '2026-07-01 11:10:00'),
      );
    insert('N0000001', '2026062809:30:00', null, null, 0); // 在院
    insert('N0000002', '2026062009:30:00', null, null, 1); // 通知出院, no date yet
    insert('N0000003', '2026062109:30:00', '2026070209:00:00', dept, 2); // 预结出院 with the planned date
    clock.set('2026-07-01 11:30:00');
    const run = await syncOnce(store, file, clock);
    expect(run.status, run.error ?? '').toBe('ok');
    expect(run.counts.inpatient_stays).toMatchObject({ inserted: 3, rejected: 0 });
    expect(await stay('N0000001')).toMatchObject({ status: 'in_hospital', admit_date: '2026-06-28', event_date: '2026-06-28', event_time: null });
    expect(await stay('N0000002')).toMatchObject({ status: 'discharge_notified', event_date: '2026-06-20' });
    expect(await stay('N0000003')).toMatchObject({ status: 'discharge_notified', event_date: '2026-07-02' });

    for (const zyh of ['N0000001', 'N0000002', 'N0000003']) expect(await inFinder(zyh)).toBe(false);
    const { candidates } = await matchPlan(store.knex, planDefinitionSchema.parse(planDef({ code: 'stays' })), null, '2026-07-03');
    const ids = new Set(candidates.map((c) => c.encounterId));
    for (const zyh of ['N0000001', 'N0000002', 'N0000003', ...cancelled.map((c) => c.zyh)]) expect(ids.has((await stay(zyh)).id)).toBe(false);
    expect(candidates.length).toBeGreaterThan(0);

    const patientId = (await stay('N0000001')).patient_id;
    const tl = await patientTimeline(store.knex, patientId, 'nurse', '2026-07-01');
    expect(tl.events.find((e) => e.encounterNo === '90000001')).toMatchObject({ kind: 'inpatient', status: 'in_hospital', admitDate: '2026-06-28' });

    // The discharge then happens: it becomes one, and the finder lists it.
    hisRun((db) =>
      db.prepare("update V_ZY_CYBR set cypb = 8, cyrq = '2026070110:00:00', cyks = ?, xgsj = '2026-07-01 11:40:00' where zyh = 'N0000001'").run(dept),
    );
    clock.set('2026-07-01 12:00:00');
    await syncOnce(store, file, clock);
    expect(await stay('N0000001')).toMatchObject({ status: 'discharged', event_date: '2026-07-01' });
    expect(await inFinder('N0000001')).toBe(true);
  });

  it('still demands a discharge date of a discharge', async () => {
    hisRun((db) =>
      db
        .prepare(`insert into V_ZY_CYBR (${STAY_COLS}) values (?,?,?,?,?,?,?,?,?,?,?)`)
        .run('N0000009', '90000009', brid, '2026062809:30:00', null, dept, dept, '王医生', '1', 8, '2026-07-01 12:10:00'),
    );
    clock.set('2026-07-01 12:30:00');
    const run = await syncOnce(store, file, clock);
    expect(run.counts.inpatient_stays.rejected).toBe(1);
    expect(await rejections('N0000009')).toEqual(['missing discharge date']);
  });
});
