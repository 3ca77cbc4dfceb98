import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';

/** Patient ids by source id, following merge links to the surviving patient. */
export async function patientIds(q: Q, sourceSystem: string, sourceIds: string[]): Promise<Map<string, number>> {
  const rows = await selectIn<{ source_patient_id: string; id: number; merged_into_patient_id: number | null }>(
    q, 'select source_patient_id, id, merged_into_patient_id from patients where source_system = ? and source_patient_id in',
    [sourceSystem], [...new Set(sourceIds)],
  );
  return new Map(rows.map((r) => [r.source_patient_id, r.merged_into_patient_id ?? r.id]));
}

export async function encounterIds(q: Q, sourceSystem: string, kind: string, sourceIds: string[]) {
  const rows = await selectIn<{ source_id: string; id: number; row_hash: string; first_seen_at: string; patient_id: number | null }>(
    q, 'select source_id, id, row_hash, first_seen_at, patient_id from encounters where source_system = ? and kind = ? and source_id in',
    [sourceSystem, kind], [...new Set(sourceIds)],
  );
  return new Map(rows.map((r) => [r.source_id, r]));
}

export interface DeptLookup {
  byCode: Map<string, number>;
  byName: Map<string, number>;
}

/** The run's department lookup, read on first use instead of once per batch. */
export async function cachedDepartments(q: Q, ctx: { sourceSystem: string; departments?: DeptLookup }): Promise<DeptLookup> {
  return (ctx.departments ??= await departmentLookup(q, ctx.sourceSystem));
}

export async function departmentLookup(q: Q, sourceSystem: string): Promise<DeptLookup> {
  const depts = await q.all<{ id: number; source_code: string; name: string }>(
    'select id, source_code, name from departments where source_system = ?', [sourceSystem]);
  const aliases = await q.all<{ department_id: number; name: string }>(
    'select a.department_id, a.name from department_aliases a join departments d on d.id = a.department_id where d.source_system = ?', [sourceSystem]);
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
