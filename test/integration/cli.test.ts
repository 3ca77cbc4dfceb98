import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/stores';

const CLI = path.resolve(__dirname, '../../bin/followup.js');
const dirs: string[] = [];
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
function dataDir(config?: object): string {
  const dir = tempDir('followup-cli');
  dirs.push(dir);
  if (config) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

beforeAll(() => expect(fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js')), 'run `npm run build:node` first').toBe(true));
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('followup CLI', () => {
  it('makes a demo HIS, syncs it twice (the second a no-op) and finds patients as JSON', () => {
    const dir = dataDir();
    const his = path.join(dir, 'demo-his.sqlite');
    const made = run('demo-his', '--out', his, '--patients', '200', '--seed', '4', '--end-date', '2026-06-30');
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout).patients).toBe(200);
    const first = run('sync', '--data', dir, '--quiet');
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).status).toBe('ok');
    const second = JSON.parse(run('sync', '--data', dir, '--quiet').stdout);
    for (const c of Object.values(second.counts) as { inserted: number; updated: number }[]) expect(c.inserted + c.updated).toBe(0);
    const found = run('patients', '--data', dir, '--kind', 'inpatient', '--diagnosis', 'C00-C97', '--from', '2024-01-01', '--to', '2026-06-30', '--json');
    expect(found.status, found.stderr).toBe(0);
    const result = JSON.parse(found.stdout);
    expect(result.total).toBeGreaterThan(0);
    expect(result.rows.every((r: { mainDiagCode: string }) => r.mainDiagCode >= 'C00' && r.mainDiagCode < 'C98')).toBe(true);
    const dept = run('patients', '--data', dir, '--dept', '心内科', '--kind', 'outpatient', '--json'); // a former name still resolves
    expect(dept.status, dept.stderr).toBe(0);
  });

  it('rejects bad flags with a clear message and exit code 2', () => {
    const bad = run('patients', '--page', 'abc');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--page must be a positive whole number/);
    expect(run('demo-his', '--out', '/tmp/x.sqlite', '--patients', '-5', '--seed', '1').status).not.toBe(0);
    expect(run('patients', '--from', '2025-13-01').stderr).toMatch(/--from must be a date/);
    expect(run('no-such-command').status).toBe(2);
  });

  it('says which database it cannot reach, and exits non-zero', () => {
    const storeDown = run('migrate', '--data', dataDir({ store: { client: 'pg', connection: 'postgres://postgres@127.0.0.1:1/x' } }));
    expect(storeDown.status).toBe(1);
    expect(storeDown.stderr).toMatch(/cannot reach the store \(PostgreSQL .*\): connection refused/);
    const noRole = run('migrate', '--data', dataDir({ store: { client: 'pg', connection: 'postgres://no_such_role@127.0.0.1:5432/postgres' } }));
    expect(noRole.status).toBe(1);
    expect(noRole.stderr).toMatch(/refused the credentials|role "no_such_role" does not exist/);
    const hisDenied = run(
      'sync',
      '--data',
      dataDir({ his: { profile: 'demo', connection: { client: 'mysql', connection: { host: '127.0.0.1', user: 'nobody_here', password: 'wrong' } } } }),
    );
    expect(hisDenied.status).toBe(1);
    // The run is recorded as failed, naming the database (the sync screen shows it too).
    expect(hisDenied.stderr).toMatch(/cannot reach the HIS database MySQL\/MariaDB 127\.0\.0\.1, nothing was synced: Access denied/);
    expect(JSON.parse(hisDenied.stdout)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^无法连接 HIS 数据库 MySQL\/MariaDB 127\.0\.0\.1/) });
  });
});
