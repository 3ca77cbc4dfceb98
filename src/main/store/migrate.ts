import type { Knex } from 'knex';
import { migrationSource } from './migration-source';

// Any fixed number: advisory lock keys are per database, so this only meets other workstations
// opening the same store.
const MIGRATION_LOCK_KEY = 7_120_260_001;

/**
 * Brings the schema up to date. On PostgreSQL, workstations of a team may start at once: on a
 * fresh store they race to create knex's own tables (all but one fail), and once a migration runs
 * outside a transaction knex's lock row makes the others fail ("Migration table is already
 * locked") rather than wait. So every workstation first takes a session advisory lock on a
 * connection of its own: the others wait, then find nothing left to do. A workstation that dies
 * while migrating drops its connection, and with it the lock.
 */
export async function migrateLatest(knex: Knex, dialect: 'sqlite' | 'pg'): Promise<void> {
  if (dialect !== 'pg') {
    await knex.migrate.latest({ migrationSource });
    return;
  }
  // The usual start: nothing to do, and then no reason to queue behind the other workstations.
  const exists = await knex.schema.hasTable('knex_migrations');
  if (exists) {
    const [, pending] = (await knex.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    if (!pending.length) return;
  }
  const conn = await knex.client.acquireConnection();
  try {
    await knex.raw('select pg_advisory_lock(?)', [MIGRATION_LOCK_KEY]).connection(conn);
    try {
      await knex.migrate.latest({ migrationSource });
    } finally {
      await knex.raw('select pg_advisory_unlock(?)', [MIGRATION_LOCK_KEY]).connection(conn);
    }
  } finally {
    await knex.client.releaseConnection(conn);
  }
}
