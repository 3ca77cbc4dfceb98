import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDispatcher } from '../helpers/dispatch';
import { makeUsers } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, PG_ADMIN, tempDir, type TestStore } from '../helpers/stores';
import { openStore, type Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';

// A call centre's workstations share one PostgreSQL, each holding a few connections. When the
// server has none left (max_connections, or a role's CONNECTION LIMIT as here), the nurse is told
// to ask IT for more connections, not just "internal error".

describe('a shared PostgreSQL with no free connections', () => {
  let t: TestStore;
  let store: Store;
  let limited: Store;
  let amy: User;
  const role = `followup_limited_${randomBytes(3).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: PG_ADMIN, pool: { min: 0, max: 1 } });
  const dataDir = tempDir('pg-limit');

  beforeAll(async () => {
    t = await createTestStore('pg');
    store = await t.open();
    [amy] = await makeUsers(store.knex, 1);
    // Not a superuser: the limit does not hold for those.
    await admin.raw(`create role ${role} login connection limit 1`);
    await store.knex.raw(`grant all on all tables in schema public to ${role}`);
    await store.knex.raw(`grant all on all sequences in schema public to ${role}`);
    const url = new URL(String((t.config as { connection: string }).connection));
    url.username = role;
    limited = await openStore({ client: 'pg', connection: url.toString(), poolMax: 2 }, { migrate: false });
  });
  afterAll(async () => {
    await limited?.close();
    await store?.close();
    await t?.drop();
    await admin.raw(`drop role if exists ${role}`);
    await admin.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers with what to ask IT for, and the error id of the log line', async () => {
    const logged: string[] = [];
    const d = testDispatcher(limited, fixedClock('2026-07-01 09:00:00'), dataDir, (m) => logged.push(m));
    // The role's one connection is busy with a transaction; the call needs a second one.
    const holding = await limited.knex.transaction();
    try {
      const out = await d.dispatch({ user: amy, token: null, transport: 'http' }, 'tasks.queue', {});
      expect(out).toMatchObject({ ok: false, error: { code: 'internal', issues: [{ message: expect.stringContaining('max_connections') }] } });
      const { errorId, issues } = (out as { ok: false; error: { errorId: string; issues: { message: string }[] } }).error;
      expect(issues[0].message).toContain('共享数据库的连接数已满');
      expect(logged.join('\n')).toContain(`error ${errorId}: `);
      expect(logged.join('\n')).toContain('53300');
    } finally {
      await holding.rollback();
    }
  });
});
