import type { Knex } from 'knex';
import { idNumberProblem } from '../src/main/his/normalise/id-problem';

// Why a patient's ID number cannot be trusted (src/shared/id-number-problem.ts), so the
// patient header can say so; the patient itself is always kept. Patients synced before this
// column existed get it here with the sync's own rule, so a re-read changes nothing.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('patients', (t) => {
    t.string('id_number_problem', 16);
  });
  await knex('patients').whereNull('id_number').update({ id_number_problem: 'missing' });
  // Valid 18-digit numbers, nearly all of them, have no problem: only the rest are read.
  const suspects = await knex('patients')
    .whereNotNull('id_number')
    .andWhere((w) => w.where('id_number_valid', 0).orWhereRaw('length(id_number) <> 18'))
    .select('id', 'id_number');
  const byProblem = new Map<string, number[]>();
  for (const p of suspects as { id: number; id_number: string }[]) {
    const problem = idNumberProblem(p.id_number);
    if (problem) byProblem.set(problem, [...(byProblem.get(problem) ?? []), p.id]);
  }
  for (const [problem, ids] of byProblem)
    for (let i = 0; i < ids.length; i += 500)
      await knex('patients')
        .whereIn('id', ids.slice(i, i + 500))
        .update({ id_number_problem: problem });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('patients', (t) => {
    t.dropColumn('id_number_problem');
  });
}
