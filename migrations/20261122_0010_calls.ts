import type { Knex } from 'knex';

// The softphone: each nurse's SIP account (password encrypted by the shell's secret box) and
// one row per call, inbound or outbound. Follow-up attempts point at calls.id.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sip_accounts', (t) => {
    t.integer('user_id').primary().references('users.id');
    t.string('ws_url', 256).notNullable();
    t.string('sip_user', 64).notNullable();
    t.string('domain', 128).notNullable();
    t.string('display_name', 64).notNullable().defaultTo('');
    // URLs and user names only; TURN credentials travel inside secret_enc.
    t.text('ice_servers').notNullable();
    // "<box>:<base64>" of {password, iceServers}; never logged, never sent back whole.
    t.text('secret_enc').notNullable();
    t.string('updated_at', 19).notNullable();
  });
  await knex.schema.createTable('calls', (t) => {
    t.increments('id');
    t.string('direction', 8).notNullable(); // outbound | inbound
    t.string('number', 64).notNullable();
    t.integer('patient_id').references('patients.id');
    // No foreign key: tasks belong to the follow-up feature; a call outside a task has none.
    t.integer('task_id');
    t.integer('user_id').references('users.id');
    t.string('started_at', 19).notNullable();
    t.string('answered_at', 19);
    t.string('ended_at', 19);
    t.string('ended_by', 8); // local | remote | system
    t.integer('sip_code');
    t.string('reason', 64);
    t.string('outcome', 16);
    t.integer('outcome_confirmed').notNullable().defaultTo(0);
    t.integer('missed').notNullable().defaultTo(0);
    t.integer('consent').notNullable().defaultTo(0);
    // Relative to <dataDir>/recordings; null when there is none or it was purged.
    t.string('recording_path', 255);
    t.string('recording_mime', 32);
    t.integer('recording_bytes');
    t.string('recording_purged_at', 19);
    t.index(['patient_id', 'started_at']);
    t.index(['started_at']);
    t.index(['number']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calls');
  await knex.schema.dropTable('sip_accounts');
}
