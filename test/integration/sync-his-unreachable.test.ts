import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkstation } from '../../src/main/bootstrap';
import { fixedClock } from '../helpers/his';
import { tempDir } from '../helpers/stores';

// A HIS that cannot be reached must not keep anyone out: the workstation starts, users sign in,
// and the sync screen lists the failed run with the database it could not reach.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dataDirWithHis(connection: object): string {
  const dir = tempDir('followup-his-down');
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ his: { profile: 'demo', connection } }));
  return dir;
}

const cases = [
  {
    name: 'a PostgreSQL HIS on a closed port',
    connection: { client: 'pg', connection: 'postgres://his_reader:secret-pw@127.0.0.1:1/his' },
    where: 'PostgreSQL 127.0.0.1:1/his',
    reason: /ECONNREFUSED/,
  },
  {
    name: 'a MariaDB HIS database that does not exist',
    connection: { client: 'mysql', connection: { host: '127.0.0.1', user: 'root', password: '', database: 'no_such_his_db' } },
    where: 'MySQL/MariaDB 127.0.0.1/no_such_his_db',
    reason: /Unknown database/,
  },
];

describe.each(cases)('$name', ({ connection, where, reason }) => {
  it('starts, lets the admin sign in, and records the failed run naming the database; sync.start says so too', async () => {
    const dataDir = dataDirWithHis(connection);
    const logged: string[] = [];
    const { app, initialAdminPasswordFile } = await startWorkstation(dataDir, { clock: fixedClock('2026-07-01 09:00:00'), log: (m) => logged.push(m) });
    try {
      const password = fs.readFileSync(initialAdminPasswordFile!, 'utf8').trim();
      const ctx = { user: null, token: null, transport: 'http' as const };
      const login = await app.dispatcher.dispatch(ctx, 'auth.login', { username: 'admin', password });
      expect(login, JSON.stringify(login)).toMatchObject({ ok: true, result: { user: { username: 'admin', role: 'admin' } } });
      const admin = (login as { result: { user: import('../../src/shared/model').User } }).result.user;

      const runs = await app.store.knex('sync_runs').orderBy('id');
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'failed', triggered_by: 'startup' });
      expect(runs[0].finished_at).toBeTruthy();
      expect(runs[0].error).toContain(`无法连接 HIS 数据库 ${where}`);
      expect(runs[0].error).toContain(`cannot reach the HIS database ${where}`);
      expect(runs[0].error).toMatch(reason);
      expect(runs[0].error).not.toContain('secret-pw');
      expect(logged.join('\n')).toContain(`cannot reach the HIS database ${where}`);

      // From the sync screen: a clear refusal, and the run listed with its reason.
      const adminCtx = { user: admin, token: null, transport: 'http' as const };
      const started = await app.dispatcher.dispatch(adminCtx, 'sync.start', undefined);
      expect(started).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`cannot reach the HIS database ${where}`) } });
      const listed = await app.dispatcher.dispatch(adminCtx, 'sync.runs', {});
      expect(listed).toMatchObject({
        ok: true,
        result: [{ status: 'failed', triggeredBy: 'admin', error: expect.stringContaining(where) }, { status: 'failed' }],
      });
      expect(app.sync.running).toBe(false);
    } finally {
      await app.close();
    }
  });
});
