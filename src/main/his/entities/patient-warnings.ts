import { ID_NUMBER_REASONS, type IdNumberProblem } from '../../../shared/id-number-problem';
import type { HisRow } from '../sources/types';
import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import type { EntityContext, Rejection } from './types';

// A bad ID number or phone does not reject its patient: the patient loads, and the problem is
// listed under an entity of its own ('id_numbers', 'phones'), counted apart from rejected
// patients. Such a row leaves the list once the HIS sends the patient again without it.

export const MALFORMED_PHONE = 'malformed phone';

export function idNumberWarning(row: HisRow, key: string, problem: IdNumberProblem): Rejection {
  const n = String(row.id_number ?? '').trim().length;
  const detail = problem === 'length' ? `${n} 位 (${n} characters)` : undefined;
  return { entity: 'id_numbers', key, reason: ID_NUMBER_REASONS[problem], detail, raw: row };
}

export interface WarnedPatient {
  sourceId: string;
  idProblem: IdNumberProblem | null;
  /** Phone columns whose value could not be dialled. */
  badPhones: string[];
}

const PHONE_COLUMNS = ['phone', 'landline', 'contact_phone'];

/** Drops listed ID number and phone problems of these (re-read, changed) patients that are gone. */
export async function forgetFixedWarnings(q: Q, ctx: EntityContext, patients: WarnedPatient[]): Promise<void> {
  if (ctx.firstLoad || !patients.length) return;
  const current = new Set<string>();
  const keys: string[] = [];
  for (const p of patients) {
    keys.push(p.sourceId, ...PHONE_COLUMNS.map((c) => `${p.sourceId}/${c}`));
    if (p.idProblem) current.add(`id_numbers\u0001${p.sourceId}\u0001${ID_NUMBER_REASONS[p.idProblem]}`);
    for (const c of p.badPhones) current.add(`phones\u0001${p.sourceId}/${c}\u0001${MALFORMED_PHONE}`);
  }
  const listed = await selectIn<{ id: number; entity: string; source_key: string; reason: string }>(
    q,
    "select id, entity, source_key, reason from rejected_rows where source_system = ? and entity in ('id_numbers', 'phones') and source_key in",
    [ctx.sourceSystem],
    keys,
  );
  const gone = listed.filter((r) => !current.has(`${r.entity}\u0001${r.source_key}\u0001${r.reason}`)).map((r) => r.id);
  for (let i = 0; i < gone.length; i += 500) {
    const part = gone.slice(i, i + 500);
    await q.run(`delete from rejected_rows where id in (${part.map(() => '?').join(',')})`, part);
  }
}
