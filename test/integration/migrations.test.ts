import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSource, knownMigrations } from '../../src/main/store/migration-source';
import { openStore, type Store } from '../../src/main/store/store';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('applies every known migration, once', async () => {
    const [done, pending] = await store.knex.migrate.list({ migrationSource });
    expect(done.map((m: { name: string }) => m.name)).toEqual(knownMigrations());
    expect(pending).toEqual([]);
    // A second open is a no-op rather than a re-run.
    const again = await openStore(t.config);
    const [done2] = await again.knex.migrate.list({ migrationSource });
    expect(done2).toHaveLength(knownMigrations().length);
    await again.close();
  });

  it('creates the finder indexes', async () => {
    for (const table of ['patients', 'encounters', 'diagnoses', 'phones', 'rejected_rows', 'audit_log'])
      expect(await store.knex.schema.hasTable(table)).toBe(true);
    const idx =
      kind === 'sqlite'
        ? (await store.knex.raw("select name from sqlite_master where type = 'index' and tbl_name = 'encounters'")).map((r: { name: string }) => r.name)
        : (await store.knex.raw("select indexname as name from pg_indexes where tablename = 'encounters'")).rows.map((r: { name: string }) => r.name);
    expect(idx).toEqual(expect.arrayContaining(['encounters_kind_dept_date', 'encounters_kind_date', 'encounters_kind_diag_date', 'encounters_patient']));
  });

  it('keeps where each audited access came from', async () => {
    expect(await store.knex.schema.hasColumn('audit_log', 'address')).toBe(true);
  });

  it('keeps the audit log append-only: its seals table and the triggers that refuse changes', async () => {
    expect(await store.knex.schema.hasTable('audit_seal')).toBe(true);
    const triggers =
      kind === 'sqlite'
        ? (await store.knex.raw("select name from sqlite_master where type = 'trigger'")).map((r: { name: string }) => r.name)
        : (await store.knex.raw('select distinct tgname as name from pg_trigger where not tgisinternal')).rows.map((r: { name: string }) => r.name);
    const expected =
      kind === 'sqlite'
        ? ['audit_log_no_update', 'audit_log_no_delete', 'audit_seal_no_update', 'audit_seal_no_delete']
        : ['audit_log_append_only', 'audit_log_no_truncate', 'audit_seal_append_only', 'audit_seal_no_truncate'];
    expect(triggers).toEqual(expect.arrayContaining(expected));
  });

  it('refuses to open a store that has a migration this version does not know', async () => {
    await store.knex('knex_migrations').insert({ name: '29990101_0001_from_the_future', batch: 99, migration_time: new Date() });
    await expect(openStore(t.config)).rejects.toThrow(/migrations this version does not know|missing/i);
    await store.knex('knex_migrations').where({ name: '29990101_0001_from_the_future' }).delete();
  });

  it('rolls every migration back and forward again', async () => {
    await store.knex.migrate.rollback({ migrationSource }, true);
    expect(await store.knex.schema.hasTable('encounters')).toBe(false);
    await store.knex.migrate.latest({ migrationSource });
    expect(await store.knex.schema.hasTable('encounters')).toBe(true);
  });
});
