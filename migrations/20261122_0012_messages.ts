import type { Knex } from 'knex';

// SMS: one row per message, outbound or inbound, whatever the provider (Twilio or the log-only
// fallback), and the phones that must never be messaged again.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('messages', (t) => {
    t.increments('id');
    t.string('direction', 8).notNullable(); // outbound | inbound
    t.integer('patient_id').references('patients.id');
    t.string('phone', 32).notNullable(); // E.164
    t.string('template', 64);
    t.text('body').notNullable();
    t.string('provider', 16).notNullable(); // twilio | log
    // Twilio's SM… sid; null until the provider accepted the message (and for the log provider).
    t.string('provider_sid', 64).unique();
    // sending (row written, provider not yet answered) | queued | sent | delivered | undelivered
    // | failed | logged | received (inbound)
    t.string('status', 12).notNullable();
    t.string('error_code', 16);
    t.string('error_message', 256);
    // The SMS-channel task this message carries out. Unique and written before the provider is
    // called, so a rerun or a crash between send and mark can never send a task twice.
    // No foreign key: tasks belong to the follow-up feature (as calls.task_id).
    t.integer('task_id').unique();
    // A message sent by hand from a follow-up task's screen (several may share one task).
    t.integer('about_task_id');
    t.integer('sent_by').references('users.id');
    t.string('created_at', 19).notNullable();
    t.string('sent_at', 19);
    t.string('updated_at', 19).notNullable();
    t.index(['patient_id', 'created_at']);
    t.index(['phone']);
    t.index(['status', 'created_at']);
  });
  await knex.schema.createTable('sms_opt_outs', (t) => {
    t.increments('id');
    // Null only for a manual opt-out of a patient with no mobile number on file.
    t.string('phone', 32).unique();
    t.integer('patient_id').references('patients.id');
    t.string('source', 16).notNullable(); // reply | manual | provider
    t.string('note', 256);
    t.integer('by_user').references('users.id');
    t.string('at', 19).notNullable();
    t.index(['patient_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sms_opt_outs');
  await knex.schema.dropTable('messages');
}
