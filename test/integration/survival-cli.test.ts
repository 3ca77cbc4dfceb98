import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurvivalResult } from '../../src/shared/contract/reports';
import { survivalReport } from '../../src/main/reports/survival-data/survival-report';
import { pinChildClocks } from '../helpers/pinned-clock';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { buildSurvivalFixture, CUT_OFF } from './survival-fixture';

const CLI = path.resolve(__dirname, '../../bin/followup.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });

beforeAll(() => {
  expect(fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/survival.js')), 'run `npm run build:node` first').toBe(true);
  pinChildClocks();
});

describe.each(STORE_KINDS)('followup survival CLI on %s', (kind) => {
  let t: TestStore;
  let expected: SurvivalResult;
  const dir = tempDir('followup-survival-cli');

  beforeAll(async () => {
    t = await createTestStore(kind);
    const store = await t.open();
    try {
      await buildSurvivalFixture(store.knex);
      expected = await survivalReport(store.knex, { anchor: 'firstDischarge', groupBy: 'plan', cutOff: CUT_OFF });
    } finally {
      await store.close();
    }
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ store: t.config }));
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the same numbers as JSON, and a table without --json', () => {
    const json = run('survival', '--data', dir, '--anchor', 'firstDischarge', '--group-by', 'plan', '--cut-off', CUT_OFF, '--json');
    expect(json.status, json.stderr).toBe(0);
    const result = JSON.parse(json.stdout) as SurvivalResult;
    expect(result).toEqual(expected);
    expect(result.groups.map((g) => [g.group, g.patients, g.deaths, g.median.median])).toEqual([
      ['肺癌随访', 5, 3, 380],
      ['结直肠癌随访', 4, 1, null],
    ]);
    const table = run('survival', '--data', dir, '--anchor', 'firstDischarge', '--group-by', 'plan', '--cut-off', CUT_OFF);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('肺癌随访\t5\t3\t380\t53.3%\t—\t—\t80.0%');
    expect(table.stdout).toContain('结直肠癌随访\t4\t1\t未达到 NR\t66.7%\t—\t—\t50.0%');
    expect(table.stdout).toContain('合计 total\t9\t4\t');
    expect(table.stdout).toContain('未纳入 excluded: 死亡日期不详 death date unknown 1');
  });

  it('rejects bad flags with exit code 2 and a message', () => {
    const anchor = run('survival', '--data', dir, '--anchor', 'surgery', '--group-by', 'plan', '--cut-off', CUT_OFF);
    expect(anchor.status).toBe(2);
    expect(anchor.stderr).toMatch(/--anchor.*surgery/);
    const date = run('survival', '--data', dir, '--anchor', 'diagnosis', '--group-by', 'plan', '--cut-off', '2026-02-30x');
    expect(date.status).toBe(2);
    expect(date.stderr).toMatch(/--cut-off must be a date/);
    const missing = run('survival', '--data', dir, '--anchor', 'diagnosis', '--cut-off', CUT_OFF);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--group-by/);
    const future = run('survival', '--data', dir, '--anchor', 'diagnosis', '--group-by', 'plan', '--cut-off', '2027-01-01');
    expect(future.status).toBe(2);
    expect(future.stderr).toMatch(/截止日期不能晚于今天/);
  });
});
