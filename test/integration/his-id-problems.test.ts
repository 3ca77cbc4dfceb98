import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/main/his/normalise/id-number';
import { patientTimeline } from '../../src/main/patients/timeline';
import type { Store } from '../../src/main/store/store';
import { fixedClock, makeDemoHis, syncOnce } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// A bad ID number never costs a patient: the patient loads, the problem is stored on it with its
// reason, shown in its header and listed under 'id_numbers'; a bad phone is counted as a phone,
// not as a rejected patient; an empty date is called missing, never "null".
const his = makeDemoHis(80, 12);
const P = his.summary.planted;
afterAll(() => fs.rmSync(his.dir, { recursive: true, force: true }));

const validId = (birth: string, seq: string) => `110105${birth}${seq}${idCheckChar(`110105${birth}${seq}`)}`;

/** Plain patients and discharged stays the demo did not plant anything on. */
function pickRows() {
  const db = new Database(his.file, { readonly: true });
  try {
    const planted = new Set([
      ...P.invalidIdNumbers,
      ...P.legacyIdNumbers,
      P.lowercaseX,
      ...P.badPhones,
      ...P.missingPhones,
      ...P.mergedPatients.flatMap((m) => [m.obsolete, m.surviving]),
    ]);
    const brids = (db.prepare('select brid from V_BRXX order by brid').all() as { brid: string }[]).map((r) => r.brid).filter((b) => !planted.has(b));
    const stays = (
      db.prepare("select zyh from V_ZY_CYBR where cypb = 8 and zyh like 'Z%' and brid in (select brid from V_BRXX) order by zyh limit 2").all() as {
        zyh: string;
      }[]
    ).map((r) => r.zyh);
    return { missing: brids[0], length: brids[1], characters: brids[2], birthDate: brids[3], noDischarge: stays[0], noAdmission: stays[1] };
  } finally {
    db.close();
  }
}
const pick = pickRows();

describe.each(STORE_KINDS)('ID number problems and rejection reasons on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const file = his.file.replace(/\.sqlite$/, `-ids-${kind}.sqlite`);
  const clock = fixedClock('2026-07-01 09:00:00');
  let first: Awaited<ReturnType<typeof syncOnce>>;

  beforeAll(async () => {
    fs.copyFileSync(his.file, file);
    const db = new Database(file);
    const set = db.prepare('update V_BRXX set sfzh = ? where brid = ?');
    set.run(null, pick.missing);
    set.run('11010519491231002', pick.length);
    set.run('11010519491231002A', pick.characters);
    // A right check digit over an impossible date (31 April).
    set.run(validId('19490431', '002'), pick.birthDate);
    db.prepare('update V_ZY_CYBR set cyrq = null where zyh = ?').run(pick.noDischarge);
    db.prepare("update V_ZY_CYBR set ryrq = '' where zyh = ?").run(pick.noAdmission);
    db.close();
    t = await createTestStore(kind);
    store = await t.open();
    first = await syncOnce(store, file, clock);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  const patient = (brid: string) => store.knex('patients').where({ source_patient_id: brid }).first();
  const listed = async (entity: string) =>
    Object.fromEntries(
      ((await store.knex('rejected_rows').where({ entity }).select('source_key', 'reason')) as { source_key: string; reason: string }[]).map((r) => [
        r.source_key,
        r.reason,
      ]),
    );
  const count = async (table: string, where: (q: ReturnType<Store['knex']>) => unknown = () => {}) => {
    const q = store.knex(table);
    where(q);
    return Number((await q.count({ n: '*' }))[0].n);
  };

  it('keeps every patient with a bad ID number and stores why', async () => {
    expect(first.status).toBe('ok');
    const expected: Record<string, string | null> = {
      [pick.missing]: 'missing',
      [pick.length]: 'length',
      [pick.characters]: 'characters',
      [pick.birthDate]: 'birth_date',
      [P.lowercaseX]: null,
    };
    for (const b of P.invalidIdNumbers) expected[b] = 'check_digit';
    for (const b of P.legacyIdNumbers) expected[b] = 'legacy_15';
    for (const [brid, problem] of Object.entries(expected)) {
      const p = await patient(brid);
      expect({ brid, problem: p ? p.id_number_problem : 'not loaded' }).toEqual({ brid, problem });
    }
    // Only the planted and edited ones: every other demo number is a valid 18-digit one.
    expect(await count('patients', (q) => q.whereNotNull('id_number_problem').andWhereNot('source_patient_id', 'like', 'peis:%'))).toBe(
      Object.values(expected).filter(Boolean).length,
    );
  });

  it('lists each ID number problem with its reason, apart from rejected patients', async () => {
    const ids = await listed('id_numbers');
    expect(ids).toMatchObject({
      [pick.missing]: 'ID number missing',
      [pick.length]: 'ID number wrong length',
      [pick.characters]: 'ID number bad characters',
      [pick.birthDate]: 'ID number bad birth date',
      [P.invalidIdNumbers[0]]: 'ID number wrong check digit',
      [P.legacyIdNumbers[0]]: 'ID number legacy 15-digit',
    });
    expect(ids[P.lowercaseX]).toBeUndefined();
    const fromPatients = Object.keys(ids).filter((k) => !k.startsWith('peis:')).length;
    const phones = Object.keys(await listed('phones')).filter((k) => !k.startsWith('peis:')).length;
    expect(phones).toBeGreaterThanOrEqual(P.badPhones.length);
    // Phones and ID numbers are counted as such; a patient is rejected only when it did not load.
    expect(first.counts.patients.rejected).toBe(await count('rejected_rows', (q) => q.where({ entity: 'patients' })));
    expect(first.counts.patients.rejected).toBe(0);
    expect(first.counts.patients.flagged).toEqual({ phones, id_numbers: fromPatients });
  });

  it('shows the problem in the patient header', async () => {
    const header = async (brid: string) => (await patientTimeline(store.knex, (await patient(brid)).id, 'nurse', '2026-07-01')).patient;
    expect(await header(pick.length)).toMatchObject({ idNumberValid: false, idNumberProblem: 'length' });
    expect(await header(pick.missing)).toMatchObject({ idNumber: null, idNumberProblem: 'missing' });
    expect(await header(P.legacyIdNumbers[0])).toMatchObject({ idNumberValid: true, idNumberProblem: 'legacy_15' });
    expect(await header(P.lowercaseX)).toMatchObject({ idNumberValid: true, idNumberProblem: null });
  });

  it('says a date is missing instead of printing null', async () => {
    const stays = await listed('inpatient_stays');
    expect(stays[pick.noDischarge]).toBe('missing discharge date');
    expect(stays[pick.noAdmission]).toBe('missing admission date');
    expect(await count('rejected_rows', (q) => q.where('detail', 'like', '%null%').orWhere('detail', 'like', '%undefined%'))).toBe(0);
  });

  it('drops a listed problem once the HIS fixes it, and a rerun changes nothing', async () => {
    const db = new Database(file);
    db.prepare("update V_BRXX set sfzh = ?, xgsj = '2026-07-02 08:00:00' where brid = ?").run(validId('19700101', '123'), pick.missing);
    db.prepare("update V_BRXX set lxdh = '13800138000', xgsj = '2026-07-02 08:00:00' where brid = ?").run(P.badPhones[0]);
    db.close();
    clock.set('2026-07-02 09:00:00');
    const before = await count('rejected_rows');
    const fixed = await syncOnce(store, file, clock);
    expect(fixed.counts.patients).toMatchObject({ updated: 2, rejected: 0 });
    expect((await patient(pick.missing)).id_number_problem).toBeNull();
    expect((await listed('id_numbers'))[pick.missing]).toBeUndefined();
    expect(Object.keys(await listed('phones')).filter((k) => k.startsWith(`${P.badPhones[0]}/phone`))).toEqual([]);
    expect(await count('rejected_rows')).toBe(before - 2);
    clock.set('2026-07-02 10:00:00');
    const again = await syncOnce(store, file, clock);
    for (const [entity, c] of Object.entries(again.counts))
      expect({ entity, inserted: c.inserted, updated: c.updated }).toEqual({ entity, inserted: 0, updated: 0 });
    expect(await count('rejected_rows')).toBe(before - 2);
  });
});
