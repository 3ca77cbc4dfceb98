import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownMigrations, migrationSource } from '../../src/main/store/migration-source';
import { openStore, type Store } from '../../src/main/store/store';
import { createTestStore, type TestStore } from '../helpers/stores';

// A call centre's workstations share one PostgreSQL store and may all start at once after an
// upgrade (or on a fresh database): each must come up, and each migration run exactly once.

describe('migrations on one fresh PostgreSQL store, four workstations starting at once', () => {
  let t: TestStore;
  const stores: Store[] = [];
  beforeAll(async () => {
    t = await createTestStore('pg');
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await t?.drop();
  });

  it('all start, and every migration is recorded once', async () => {
    const opened = await Promise.allSettled([1, 2, 3, 4].map(() => openStore(t.config)));
    for (const o of opened) if (o.status === 'fulfilled') stores.push(o.value);
    expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const rows: { name: string }[] = await stores[0].knex('knex_migrations').select('name').orderBy('id');
    expect(rows.map((r) => r.name)).toEqual(knownMigrations());
    expect(await stores[0].knex('knex_migrations_lock').first()).toMatchObject({ is_locked: 0 });
  });

  it('all start after an upgrade brings a new migration, which runs once', async () => {
    // Back five versions; the next start finds them to run. (knex alone gets this case right while
    // every pending migration runs in one transaction; a migration without one would make the
    // others fail with "Migration table is already locked". The fresh store above fails without
    // our lock either way: the first starts race to create knex's own tables.)
    for (let i = 0; i < 5; i++) await stores[0].knex.migrate.down({ migrationSource });
    for (const s of stores.splice(0)) await s.close();
    const opened = await Promise.allSettled([1, 2, 3, 4].map(() => openStore(t.config)));
    for (const o of opened) if (o.status === 'fulfilled') stores.push(o.value);
    expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const rows: { name: string; batch: number }[] = await stores[0].knex('knex_migrations').select('name', 'batch').orderBy('id');
    expect(rows.map((r) => r.name)).toEqual(knownMigrations());
    expect(new Set(rows.map((r) => r.batch)).size).toBe(2);
  });
});
