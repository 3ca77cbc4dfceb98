import type { Knex } from 'knex';
import type { CallerMatch } from '../../shared/contract/calls';
import { numberMatches } from '../patients/phone-match';
import { tasksOfPatients } from '../tasks/patient-tasks';
import { ageOn } from '../util/clock';

// Screen pop: which patients own (or list as a contact) the number that is calling
// (matched as in ../patients/phone-match).

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
  const rows = (await q) as {
    id: number;
    name: string;
    gender_code: string;
    birth_date: string | null;
    role: 'self' | 'contact';
    contact_name: string | null;
    relation: string | null;
  }[];
  const seen = new Set<number>();
  const matches: CallerMatch[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    matches.push({
      patientId: Number(r.id),
      name: r.name,
      genderCode: r.gender_code,
      age: ageOn(r.birth_date, today),
      phoneRole: r.role,
      contactName: r.contact_name,
      relation: r.relation,
      openTaskId: null,
    });
  }
  return matches;
}

/** The screen pop: the matching patients, each with their first open task. */
export async function lookupCaller(knex: Knex, number: string, today: string): Promise<CallerMatch[]> {
  const matches = await callerMatches(knex, number, today);
  if (matches.length && (await hasTasks(knex))) {
    const open = (await tasksOfPatients(
      knex,
      matches.map((m) => m.patientId),
    )
      .whereIn('status', ['pending', 'claimed'])
      .orderBy(['due_date', 'id'])
      .select('id', 'patient_id')) as { id: number; patient_id: number }[];
    for (const m of matches) m.openTaskId = open.find((t) => Number(t.patient_id) === m.patientId)?.id ?? null;
  }
  return matches;
}
