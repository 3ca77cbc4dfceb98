import type { Knex } from 'knex';

// Oncology plans: a task of a repeating cycle records which cycle it is (第 3 周期), and an
// enrolment records where its treatment start came from — a HIS stay the plan names, or a date
// the team entered (who, when) — so the follow-up page can show it and a change can re-anchor.
// Both are new nullable columns: tasks and enrolments made before read as "no cycle, not known".
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.integer('cycle_no');
  });
  await knex.schema.alterTable('enrolments', (t) => {
    t.string('treatment_start_source', 8); // his | manual
    // Plain ids, no foreign keys: SQLite drops a column in place only when nothing refers to it.
    t.integer('treatment_start_encounter_id');
    t.integer('treatment_start_set_by');
    t.string('treatment_start_set_at', 19);
  });
}

// In place (SQLite ≥ 3.35 and PostgreSQL alike): knex's SQLite dropColumn rebuilds the table,
// which trips the triggers other migrations put on tasks.
export async function down(knex: Knex): Promise<void> {
  for (const c of ['treatment_start_set_at', 'treatment_start_set_by', 'treatment_start_encounter_id', 'treatment_start_source'])
    await knex.raw(`alter table enrolments drop column ${c}`);
  await knex.raw('alter table tasks drop column cycle_no');
}
