import type { Knex } from 'knex';
import * as m0001 from '../../../migrations/20261121_0001_dictionaries';
import * as m0002 from '../../../migrations/20261121_0002_patients';
import * as m0003 from '../../../migrations/20261121_0003_encounters';
import * as m0004 from '../../../migrations/20261121_0004_sync_log';
import * as m0005 from '../../../migrations/20261121_0005_users_audit';
import * as m0006 from '../../../migrations/20261122_0006_plans';
import * as m0007 from '../../../migrations/20261122_0007_enrolments_tasks';
import * as m0008 from '../../../migrations/20261122_0008_followup_records';
import * as m0009 from '../../../migrations/20261122_0009_patient_registry';
import * as m0010 from '../../../migrations/20261122_0010_calls';
import * as m0011 from '../../../migrations/20261122_0011_tasks_open_index';
import * as m0012 from '../../../migrations/20261122_0012_messages';
import * as m0013 from '../../../migrations/20261122_0013_tasks_mine_indexes';
import * as m0014 from '../../../migrations/20261122_0014_tasks_team_index';
import * as m0015 from '../../../migrations/20261122_0015_missed_call_callbacks';
import * as m0016 from '../../../migrations/20261122_0016_softphone_provider';
import * as m0017 from '../../../migrations/20261203_0017_user_departments';
import * as m0018 from '../../../migrations/20261203_0018_saved_reports';
import * as m0019 from '../../../migrations/20261203_0019_exports';
import * as m0020 from '../../../migrations/20261204_0020_report_month_cache';
import * as m0021 from '../../../migrations/20261205_0021_audit_address';
import * as m0022 from '../../../migrations/20261206_0022_sign_in_throttle';
import * as m0023 from '../../../migrations/20261207_0023_audit_action_index';
import * as m0024 from '../../../migrations/20261208_0024_audit_seal';
import * as m0025 from '../../../migrations/20261209_0025_stay_status_width';
import * as m0026 from '../../../migrations/20261210_0026_leases';
import * as m0027 from '../../../migrations/20261211_0027_questionnaire_versions';
import * as m0028 from '../../../migrations/20261212_0028_id_number_problem';
import * as m0029 from '../../../migrations/20261213_0029_treatment_start_cycles';
import * as m0030 from '../../../migrations/20261214_0030_tasks_completed_by';
import * as m0031 from '../../../migrations/20261215_0031_risk_assessments';
import * as m0032 from '../../../migrations/20261216_0032_critical_notifications';

// Imported statically so a bundled build carries every migration; knex then refuses to run
// against a database that has applied a migration this list does not know.
const migrations: Record<string, Knex.Migration> = {
  '20261121_0001_dictionaries': m0001,
  '20261121_0002_patients': m0002,
  '20261121_0003_encounters': m0003,
  '20261121_0004_sync_log': m0004,
  '20261121_0005_users_audit': m0005,
  '20261122_0006_plans': m0006,
  '20261122_0007_enrolments_tasks': m0007,
  '20261122_0008_followup_records': m0008,
  '20261122_0009_patient_registry': m0009,
  '20261122_0010_calls': m0010,
  '20261122_0011_tasks_open_index': m0011,
  '20261122_0012_messages': m0012,
  '20261122_0013_tasks_mine_indexes': m0013,
  '20261122_0014_tasks_team_index': m0014,
  '20261122_0015_missed_call_callbacks': m0015,
  '20261122_0016_softphone_provider': m0016,
  '20261203_0017_user_departments': m0017,
  '20261203_0018_saved_reports': m0018,
  '20261203_0019_exports': m0019,
  '20261204_0020_report_month_cache': m0020,
  '20261205_0021_audit_address': m0021,
  '20261206_0022_sign_in_throttle': m0022,
  '20261207_0023_audit_action_index': m0023,
  '20261208_0024_audit_seal': m0024,
  '20261209_0025_stay_status_width': m0025,
  '20261210_0026_leases': m0026,
  '20261211_0027_questionnaire_versions': m0027,
  '20261212_0028_id_number_problem': m0028,
  '20261213_0029_treatment_start_cycles': m0029,
  '20261214_0030_tasks_completed_by': m0030,
  '20261215_0031_risk_assessments': m0031,
  '20261216_0032_critical_notifications': m0032,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

export const knownMigrations = (): string[] => Object.keys(migrations).sort();
