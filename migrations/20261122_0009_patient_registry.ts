import type { Knex } from 'knex';

// Registry fields (最后接触时间 / 生存状态 / 是否失访 / 失访原因 / 死因); deceased and death_date exist.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('patients', (t) => {
    t.string('vital_status', 12).notNullable().defaultTo('unknown'); // alive | deceased | unknown
    t.string('last_contact_date', 10);
    t.integer('lost_to_followup').notNullable().defaultTo(0);
    t.string('lost_reason', 64);
    t.string('death_cause', 200);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('patients', (t) => {
    t.dropColumn('death_cause');
    t.dropColumn('lost_reason');
    t.dropColumn('lost_to_followup');
    t.dropColumn('last_contact_date');
    t.dropColumn('vital_status');
  });
}
