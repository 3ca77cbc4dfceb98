import type { Knex } from 'knex';

// A checkup client's risk tier, as the plan that asked the risk questionnaire assessed it: one
// row per plan × checkup, updated when later answers or findings move the client to another tier.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('risk_assessments', (t) => {
    t.increments('id');
    t.integer('plan_id').notNullable().references('plans.id');
    t.integer('encounter_id').notNullable().references('encounters.id');
    t.integer('patient_id').notNullable();
    t.string('tier', 32).notNullable();
    t.string('tier_label', 32).notNullable();
    t.string('tier_label_en', 64);
    /** Why, in both languages: "肿瘤风险评估总分 9 ≥ 8 (…)"; JSON array of strings. */
    t.text('reasons').notNullable();
    t.string('assessed_at', 19).notNullable();
    t.unique(['plan_id', 'encounter_id']);
    t.index(['encounter_id', 'tier']);
    t.index(['patient_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('risk_assessments');
}
