import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import type { DeptLookup, EntityContext, ParentRow, StoredEncounter } from './types';

type PatientRow = { source_patient_id: string; id: number; merged_into_patient_id: number | null };
const PATIENT_IDS = 'select source_patient_id, id, merged_into_patient_id from patients where source_system = ?';
const toPatientMap = (rows: PatientRow[]) => new Map(rows.map((r) => [r.source_patient_id, r.merged_into_patient_id ?? r.id]));

/**
 * Patient ids by source id, following merge links to the surviving patient. On a first load
 * every patient there is came in earlier in this run: one read of them all beats thousands of
 * keyed lookups into a b-tree that is still growing. Checkup clients written meanwhile are not in
 * it, and need not be: rows name HIS patients, never them.
 */
export async function patientIds(q: Q, ctx: EntityContext, sourceIds: string[]): Promise<Map<string, number>> {
  if (ctx.firstLoad) return (ctx.run.allPatients ??= toPatientMap(await q.all<PatientRow>(PATIENT_IDS, [ctx.sourceSystem])));
  return toPatientMap(await selectIn<PatientRow>(q, `${PATIENT_IDS} and source_patient_id in`, [ctx.sourceSystem], [...new Set(sourceIds)]));
}

const ENCOUNTER_COLS = 'select source_id, id, row_hash, first_seen_at from encounters where source_system = ? and kind = ?';

/** Stored encounters by source id, with what the upsert compares. */
async function encountersByKey(q: Q, sourceSystem: string, kind: string, sourceIds: string[]): Promise<Map<string, StoredEncounter>> {
  const rows = await selectIn<StoredEncounter>(q, `${ENCOUNTER_COLS} and source_id in`, [sourceSystem, kind], [...new Set(sourceIds)]);
  return new Map(rows.map((r) => [r.source_id, r]));
}

/**
 * Stored encounters by source id. An incremental business-date window re-reads some 30 days of
 * visits or checkups every run, and their keys (visit serials, checkup numbers) lie all over the
 * key index: looked up by key they cost a page or two each. The same encounters sit together in
 * the date index, so the window's days are read in one range first; keys outside it (a date
 * the HIS changed, a new row) are still looked up by key, so the result is the same either way.
 */
export async function storedEncounters(q: Q, ctx: EntityContext, kind: string, sourceIds: string[]): Promise<Map<string, StoredEncounter>> {
  if (!ctx.windowFrom) return encountersByKey(q, ctx.sourceSystem, kind, sourceIds);
  ctx.windowRows ??= new Map();
  let window = ctx.windowRows.get(kind);
  if (!window) {
    const rows = await q.all<StoredEncounter>(`${ENCOUNTER_COLS} and event_date >= ?`, [ctx.sourceSystem, kind, ctx.windowFrom]);
    ctx.windowRows.set(kind, (window = new Map(rows.map((r) => [r.source_id, r]))));
  }
  const found = new Map<string, StoredEncounter>();
  const missing: string[] = [];
  for (const id of sourceIds) {
    const row = window.get(id);
    if (row) found.set(id, row);
    else missing.push(id);
  }
  if (missing.length) for (const [id, row] of await encountersByKey(q, ctx.sourceSystem, kind, missing)) found.set(id, row);
  return found;
}

/** Drops keys this run wrote from the window read, so a later batch sees the store's new row. */
export function forgetWritten(ctx: EntityContext, kind: string, sourceIds: string[]): void {
  const window = ctx.windowRows?.get(kind);
  if (window) for (const id of sourceIds) window.delete(id);
}

const PARENT_IDS = 'select source_id, id, first_seen_at from encounters where source_system = ? and kind = ?';

/** The encounters child rows hang on; on a first load all of them, read once (see patientIds). */
export async function parentIds(q: Q, ctx: EntityContext, kind: string, sourceIds: string[]): Promise<Map<string, ParentRow>> {
  if (!ctx.firstLoad) return storedEncounters(q, ctx, kind, sourceIds);
  return (ctx.allParents ??= new Map((await q.all<ParentRow>(PARENT_IDS, [ctx.sourceSystem, kind])).map((r) => [r.source_id, r])));
}

/** The run's department lookup, read on first use instead of once per batch. */
export async function cachedDepartments(q: Q, ctx: { sourceSystem: string; departments?: DeptLookup }): Promise<DeptLookup> {
  return (ctx.departments ??= await departmentLookup(q, ctx.sourceSystem));
}

export async function departmentLookup(q: Q, sourceSystem: string): Promise<DeptLookup> {
  const depts = await q.all<{ id: number; source_code: string; name: string }>('select id, source_code, name from departments where source_system = ?', [
    sourceSystem,
  ]);
  const aliases = await q.all<{ department_id: number; name: string }>(
    'select a.department_id, a.name from department_aliases a join departments d on d.id = a.department_id where d.source_system = ?',
    [sourceSystem],
  );
  const byName = new Map<string, number>(aliases.map((a) => [a.name, a.department_id]));
  for (const d of depts) byName.set(d.name, d.id);
  return { byCode: new Map(depts.map((d) => [d.source_code, d.id])), byName };
}

/** Adds codes to the diagnosis dictionary the finder resolves keywords against. */
export async function rememberDiagnoses(q: Q, seen: Set<string>, entries: { code: string; category: string; name: string }[]): Promise<void> {
  for (const e of entries) {
    if (seen.has(e.code)) continue;
    seen.add(e.code);
    await q.run(
      'insert into diagnosis_dict (code_raw, code_category, name) values (?, ?, ?) on conflict (code_raw) do update set name = excluded.name where diagnosis_dict.name <> excluded.name',
      [e.code, e.category, e.name],
    );
  }
}
