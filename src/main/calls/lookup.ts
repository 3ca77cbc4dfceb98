import type { Knex } from 'knex';
import type { CallerMatch } from '../../shared/contract/calls';
import { normalisePhone } from '../his/normalise/phones';
import { tasksOfPatients } from '../tasks/patient-tasks';
import { ageOn } from '../util/clock';

// Screen pop: which patients own (or list as a contact) the number that is calling. Numbers
// are stored normalised (mobile: 11 digits; landline: 0AA-NNNNNNNN); the caller ID may carry
// +86, no separator, or no area code for a local landline.

export function candidateNumbers(raw: string): { exact: string[]; localLandline: string | null } {
  const digits = raw.replace(/[^\d+]/g, '');
  const n = normalisePhone(digits);
  const exact = new Set<string>([digits]);
  if (n && n !== 'invalid') exact.add(n.number);
  // 0AA + 7–8 digits without the dash: try every split of the area code.
  const plain = digits.replace(/^(\+|00)86/, '');
  if (/^0\d{9,11}$/.test(plain)) for (const len of [3, 4]) exact.add(`${plain.slice(0, len)}-${plain.slice(len)}`);
  return { exact: [...exact], localLandline: /^\d{7,8}$/.test(plain) ? plain : null };
}

/** Matches a stored phone column to a dialled or calling number, written any of those ways. */
export function numberMatches(column: string, raw: string): (w: Knex.QueryBuilder) => void {
  const { exact, localLandline } = candidateNumbers(raw);
  return (w) => {
    w.whereIn(column, exact);
    // A local landline without its area code.
    if (localLandline) w.orWhere(column, 'like', `%-${localLandline}`);
  };
}

// The tasks table belongs to the follow-up feature; the screen pop works without it.
const tasksTable = new WeakMap<Knex, Promise<boolean>>();
function hasTasks(knex: Knex): Promise<boolean> {
  if (!tasksTable.has(knex)) tasksTable.set(knex, knex.schema.hasTable('tasks'));
  return tasksTable.get(knex)!;
}

/** The patients whose phones (their own first, then as a contact) match the number; no tasks. */
export async function callerMatches(knex: Knex, number: string, today: string): Promise<CallerMatch[]> {
  const q = knex('phones as ph')
    .join('patients as p', 'p.id', 'ph.patient_id')
    .whereNull('p.merged_into_patient_id')
    .where(numberMatches('ph.number', number))
    .select('p.id', 'p.name', 'p.gender_code', 'p.birth_date', 'ph.role', 'ph.contact_name', 'ph.relation')
    .orderBy([{ column: 'ph.role', order: 'desc' }, { column: 'ph.success_count', order: 'desc' }, 'p.id'])
    .limit(20);
  const rows = (await q) as { id: number; name: string; gender_code: string; birth_date: string | null; role: 'self' | 'contact'; contact_name: string | null; relation: string | null }[];
  const seen = new Set<number>();
  const matches: CallerMatch[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    matches.push({
      patientId: Number(r.id), name: r.name, genderCode: r.gender_code, age: ageOn(r.birth_date, today),
      phoneRole: r.role, contactName: r.contact_name, relation: r.relation, openTaskId: null,
    });
  }
  return matches;
}

/** The screen pop: the matching patients, each with their first open task. */
export async function lookupCaller(knex: Knex, number: string, today: string): Promise<CallerMatch[]> {
  const matches = await callerMatches(knex, number, today);
  if (matches.length && (await hasTasks(knex))) {
    const open = (await tasksOfPatients(knex, matches.map((m) => m.patientId))
      .whereIn('status', ['pending', 'claimed'])
      .orderBy(['due_date', 'id'])
      .select('id', 'patient_id')) as { id: number; patient_id: number }[];
    for (const m of matches) m.openTaskId = open.find((t) => Number(t.patient_id) === m.patientId)?.id ?? null;
  }
  return matches;
}
