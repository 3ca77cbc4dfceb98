import type { Knex } from 'knex';

// Which telephony each nurse's softphone uses ('sip' | 'twilio'). Its own table rather than a
// column of sip_accounts: a Twilio user has no SIP account. No row means 'sip'.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('softphone_providers', (t) => {
    t.integer('user_id').primary().references('users.id');
    t.string('provider', 8).notNullable();
    t.string('updated_at', 19).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('softphone_providers');
}
