import type { Knex } from 'knex';

// One table for inpatient stays, outpatient visits and checkups: the finder filters and
// sorts them together, and one set of composite indexes serves all three kinds.
// event_date is the discharge date (inpatient), visit date (outpatient) or checkup date.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('encounters', (t) => {
    t.increments('id');
    t.string('source_system', 64).notNullable();
    t.string('kind', 12).notNullable(); // inpatient | outpatient | checkup
    t.string('source_id', 64).notNullable();
    t.integer('patient_id').references('patients.id');
    t.string('encounter_no', 64);
    t.integer('dept_id').references('departments.id');
    t.integer('admit_dept_id').references('departments.id');
    t.string('admit_date', 10);
    t.string('event_date', 10).notNullable();
    t.string('admit_time', 19);
    t.string('event_time', 19);
    t.string('doctor_name', 64);
    t.string('discharge_mode_code', 4);
    t.string('main_diag_code', 32);
    t.string('main_diag_category', 3);
    t.string('main_diag_name', 256);
    t.string('package_name', 128);
    t.text('summary');
    t.integer('critical_count').notNullable().defaultTo(0);
    t.integer('abnormal_count').notNullable().defaultTo(0);
    t.string('status', 16).notNullable();
    t.string('source_status_raw', 16);
    t.string('row_hash', 32).notNullable();
    t.string('source_updated_at', 19);
    t.string('first_seen_at', 19).notNullable();
    t.string('last_synced_at', 19).notNullable();
    t.unique(['source_system', 'kind', 'source_id']);
    // status ends each finder index so counts (which skip cancelled rows) never touch the table.
    t.index(['kind', 'dept_id', 'event_date', 'status'], 'encounters_kind_dept_date');
    t.index(['kind', 'event_date', 'status'], 'encounters_kind_date');
    t.index(['kind', 'main_diag_code', 'event_date', 'status'], 'encounters_kind_diag_date');
    t.index(['kind', 'admit_date', 'status'], 'encounters_kind_admit');
    t.index(['patient_id', 'event_date'], 'encounters_patient');
    t.index(['encounter_no']);
  });
  await knex.schema.createTable('diagnoses', (t) => {
    t.increments('id');
    t.integer('encounter_id').notNullable().references('encounters.id');
    t.integer('seq_no').notNullable();
    t.string('role', 16).notNullable(); // admission | discharge | outpatient
    t.integer('is_primary').notNullable().defaultTo(0);
    t.string('code_raw', 32).notNullable();
    t.string('code_category', 3).notNullable();
    t.string('name', 256).notNullable();
    t.index(['encounter_id']);
  });
  await knex.schema.createTable('checkup_findings', (t) => {
    t.increments('id');
    t.integer('encounter_id').notNullable().references('encounters.id');
    t.integer('seq_no').notNullable();
    t.string('item_name', 128).notNullable();
    t.string('result_value', 256);
    t.string('unit', 32);
    t.string('reference_range', 64);
    t.string('abnormal_flag', 4);
    t.integer('is_critical').notNullable().defaultTo(0);
    t.index(['encounter_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('checkup_findings');
  await knex.schema.dropTable('diagnoses');
  await knex.schema.dropTable('encounters');
}
