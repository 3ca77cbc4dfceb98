import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { backupsDir } from '../../src/main/store/backup';
import { startBackupSchedule } from '../../src/main/store/backup-schedule';
import { inUseFile } from '../../src/main/store/store-in-use';
import { backupDirs as dirs, dataDir, integrity, seededStore } from '../helpers/backup';
import { fixedClock } from '../helpers/his';
import { tempDir } from '../helpers/stores';

// The daily backup of the long-running workstation (on the app's clock) and the
// `followup backup` / `followup restore` commands.

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('scheduled and command-line backups', () => {
  it('takes the daily backup from the configured hour on, once a Beijing day, keeping the last N', async () => {
    const d = dataDir();
    const store = await seededStore(d.config, 50);
    const c = fixedClock('2026-03-10 01:59:59');
    const logs: string[] = [];
    const config = { ...d.config, backup: { hour: 2, keep: 2 } };
    const schedule = startBackupSchedule({ store, clock: c, config }, (m) => logs.push(m), { checkEveryMs: 3_600_000 });
    const dir = backupsDir(d.dir);
    try {
      expect(fs.existsSync(inUseFile(d.config.store.filename))).toBe(true);
      expect(await schedule.tick()).toBeNull();
      c.set('2026-03-10 02:00:00');
      expect(await schedule.tick()).toBe(path.join(dir, 'followup-20260310-020000.sqlite'));
      c.set('2026-03-10 23:59:00');
      expect(await schedule.tick()).toBeNull(); // once a day
      c.set('2026-03-11 09:30:00'); // switched on late: that day's backup still comes
      expect(await schedule.tick()).toBe(path.join(dir, 'followup-20260311-093000.sqlite'));
      c.set('2026-03-12 02:10:00');
      expect(await schedule.tick()).toBe(path.join(dir, 'followup-20260312-021000.sqlite'));
      expect(fs.readdirSync(dir).sort()).toEqual(['followup-20260311-093000.sqlite', 'followup-20260312-021000.sqlite']);
      expect(logs.at(-1)).toMatch(/^backup: .*followup-20260312-021000\.sqlite \(\d+ bytes\), 1 older removed$/);
      if (process.platform !== 'win32') {
        expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
        expect(fs.statSync(path.join(dir, 'followup-20260312-021000.sqlite')).mode & 0o777).toBe(0o600);
      }
      expect(integrity(path.join(dir, 'followup-20260312-021000.sqlite'))).toBe('ok');
    } finally {
      await schedule.stop();
      await store.close();
    }
    expect(fs.existsSync(inUseFile(d.config.store.filename))).toBe(false);

    const off = startBackupSchedule({ store, clock: c, config: { ...d.config, backup: { hour: null, keep: 2 } } }, () => {});
    c.set('2026-03-13 12:00:00');
    expect(await off.tick()).toBeNull();
    await off.stop();
  });

  it('followup backup / restore on the command line, with clear refusals', async () => {
    const d = dataDir();
    await (await seededStore(d.config, 200)).close();
    const cli = async (...args: string[]) => {
      const out = vi.spyOn(console, 'log').mockImplementation(() => {});
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const code = await main(['node', 'followup', ...args]);
        return { code, stdout: out.mock.calls.map((c) => c.join(' ')).join('\n'), stderr: err.mock.calls.map((c) => c.join(' ')).join('\n') };
      } finally {
        out.mockRestore();
        err.mockRestore();
      }
    };
    const taken = await cli('backup', '--data', d.dir);
    expect(taken.code, taken.stderr).toBe(0);
    const { file } = JSON.parse(taken.stdout);
    expect(path.dirname(file)).toBe(backupsDir(d.dir));
    expect(path.basename(file)).toMatch(/^followup-\d{8}-\d{6}\.sqlite$/);
    const out = path.join(d.dir, 'elsewhere.sqlite');
    expect((await cli('backup', '--data', d.dir, '--out', out)).code).toBe(0);
    expect(integrity(out)).toBe('ok');

    const text = path.join(d.dir, 'notes.txt');
    fs.writeFileSync(text, 'hello');
    const bad = await cli('restore', text, '--data', d.dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^followup: 该文件不是 SQLite 数据库.*\(the file is not an SQLite database/);
    const ok = await cli('restore', out, '--data', d.dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ restored: d.config.store.filename, replacedCopy: expect.stringContaining('followup-before-restore-') });

    const pg = tempDir('followup-backup-pg');
    dirs.push(pg);
    fs.writeFileSync(path.join(pg, 'config.json'), JSON.stringify({ store: { client: 'pg', connection: 'postgres://postgres@127.0.0.1:1/none' } }));
    for (const args of [['backup'], ['restore', out]]) {
      const r = await cli(...args, '--data', pg);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/pg_dump/);
    }
  });
});
