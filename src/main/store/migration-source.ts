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
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

export const knownMigrations = (): string[] => Object.keys(migrations).sort();
