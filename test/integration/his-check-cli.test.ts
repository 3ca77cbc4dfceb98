import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingInstant } from '../../src/shared/beijing-time';
import type { HisCheckReport } from '../../src/shared/his-check';
import { makeDemoHis } from '../helpers/his';
import { misspelledAlias } from '../helpers/his-profile-copy';
import { tempDir } from '../helpers/stores';

const CLI = path.resolve(__dirname, '../../bin/followup.js');
// The CLI's clock pinned to the morning after the demo HIS ends, so a 30-day window sees its last month.
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, FOLLOWUP_CLOCK_OFFSET_MS: String(beijingInstant('2026-07-01 09:00:00').getTime() - Date.now()) },
  });
const his = makeDemoHis(200, 5, '2026-06-30');
const dirs: string[] = [his.dir];
function dataDir(config: object): string {
  const dir = tempDir('followup-his-cli');
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

beforeAll(() => expect(fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/his.js')), 'run `npm run build:node` first').toBe(true));
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('followup his init / check, and a sync with a misspelled alias', () => {
  it('copies the demo into the data folder, checks it, and then stops on a misspelled alias', () => {
    const dir = dataDir({ his: { profile: 'myhis', connection: { client: 'sqlite', filename: his.file } } });
    const init = run('his', 'init', '--from', 'demo', '--name', 'myhis', '--data', dir);
    expect(init.status, init.stderr).toBe(0);
    const profileDir = path.join(dir, 'his-profiles', 'myhis');
    expect(init.stdout).toContain(profileDir);
    expect(init.stdout).toContain('"his": { "profile": "myhis" }');
    expect(fs.existsSync(path.join(profileDir, 'inpatient_stays.sql'))).toBe(true);

    const again = run('his', 'init', '--from', 'demo', '--name', 'myhis', '--data', dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(run('his', 'init', '--from', 'demo', '--data', dir).status).toBe(2);
    expect(run('his', 'init', '--from', 'nosuch', '--name', 'x', '--data', dir).status).toBe(2);
    expect(run('his', 'init', '--from', 'demo', '--name', '../x', '--data', dir).status).toBe(2);
    expect(run('his', 'check', '--data', dir, '--days', 'many').status).toBe(2);

    const good = run('his', 'check', '--data', dir, '--days', '30', '--json');
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const report = JSON.parse(good.stdout) as HisCheckReport;
    expect(report.profileDir).toBe(profileDir);
    expect(report.ok).toBe(true);

    // The copy is the one in use: spoiling it (not the shipped demo) is what the check and the sync see.
    const file = path.join(profileDir, 'inpatient_stays.sql');
    fs.writeFileSync(file, misspelledAlias.sql['inpatient_stays.sql'](fs.readFileSync(file, 'utf8')));
    const bad = run('his', 'check', '--data', dir, '--days', '30');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('inpatient_stays 缺少必需列 discharge_dept_code，返回了 discharge_dept');

    const sync = run('sync', '--data', dir, '--quiet');
    expect(sync.status).toBe(1);
    const result = JSON.parse(sync.stdout);
    expect(result.status).toBe('failed');
    expect(result.error).toContain('缺少必需列 discharge_dept_code');
    expect(result.error).toContain('the SQL returns discharge_dept: misspelled?');
  });

  it('keeps profiles in the folder config his.profilesDir names', () => {
    const dir = dataDir({ his: { profile: 'demo', profilesDir: 'elsewhere', connection: { client: 'sqlite', filename: his.file } } });
    const init = run('his', 'init', '--from', 'demo', '--name', 'copy1', '--data', dir);
    expect(init.status, init.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'elsewhere', 'copy1', 'profile.json'))).toBe(true);
  });
});
