import type { Knex } from 'knex';

/**
 * The tasks of these patients, reached through their enrolments: tasks keeps no patient index
 * (only the open-queue ones), enrolments does.
 */
export const tasksOfPatients = (knex: Knex, patientIds: number[]): Knex.QueryBuilder =>
  knex('tasks').whereIn('enrolment_id', knex('enrolments').select('id').whereIn('patient_id', patientIds)).whereIn('patient_id', patientIds);
