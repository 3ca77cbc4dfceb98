import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import type { Store } from '../../src/main/store/store';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { buildFixture, type Fixture } from './reports-fixture';

// The CLI runs on the real clock, so only figures that do not depend on today are checked.

describe.each(STORE_KINDS)('followup report on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let fx: Fixture;
  const dir = tempDir('followup-report-cli');
  let reportId: number;

  async function run(...args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    try {
      const code = await main(['node', 'followup', ...args, '--data', dir]);
      return { code, out: lines.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    fx = await buildFixture(store.knex);
    const spec = { rows: 'department', measures: ['due', 'followUpRate'], filters: { from: '2026-01-01', to: '2026-01-31' } };
    const [row] = await store
      .knex('saved_reports')
      .insert({
        name: '科室月报',
        dept_id: null,
        owner_id: fx.users.admin,
        spec: JSON.stringify(spec),
        created_at: '2026-11-01 00:00:00',
        updated_at: '2026-11-01 00:00:00',
      })
      .returning('id');
    reportId = Number(row.id ?? row);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ store: t.config }));
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists metrics and saved reports', async () => {
    const { code, out } = await run('report', 'list', '--json');
    expect(code).toBe(0);
    const list = JSON.parse(out);
    expect(list.metrics.map((m: { code: string }) => m.code)).toContain('followUpRate');
    expect(list.savedReports).toEqual([expect.objectContaining({ id: reportId, name: '科室月报' })]);
  });

  it('reruns a saved report for another period and department', async () => {
    const { code, out } = await run('report', 'run', String(reportId), '--from', '2026-11-01', '--to', '2026-11-30', '--dept', String(fx.depts.A), '--json');
    expect(code).toBe(0);
    const table = JSON.parse(out);
    expect(table.rows.map((r: Record<string, unknown>) => [r.group, r.due, r.followUpRate])).toEqual([
      ['心内科', 3, 0.666667],
      ['合计', 3, 0.666667],
    ]);
  });

  it('writes the dashboard of a month to CSV', async () => {
    const file = path.join(dir, 'dash.csv');
    const { code, out } = await run(
      'report',
      'run',
      'dashboard',
      '--month',
      '2026-11',
      '--dept',
      String(fx.depts.A),
      '--dept',
      String(fx.depts.B),
      '--out',
      file,
    );
    expect(code, out).toBe(0);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain('随访率');
    expect(csv).toMatch(/应访/);
  });

  it('adds a head with her departments', async () => {
    const { code, out } = await run('user', 'add', '--username', 'newhead', '--role', 'head', '--password', 'longenough', '--dept', String(fx.depts.C));
    expect(code, out).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ username: 'newhead', role: 'head', deptIds: [fx.depts.C] });
  });

  it('adds nobody when a department is unknown', async () => {
    const { code, out } = await run('user', 'add', '--username', 'ghosthead', '--role', 'head', '--password', 'longenough', '--dept', '999999');
    expect(code).toBe(1);
    expect(out).toContain('999999');
    expect(await store.knex('users').where({ username: 'ghosthead' }).first()).toBeUndefined();
  });

  it('refuses an unknown saved report', async () => {
    const { code, out } = await run('report', 'run', '999999', '--json');
    expect(code).toBe(1);
    expect(out).toContain('not found');
  });
});
