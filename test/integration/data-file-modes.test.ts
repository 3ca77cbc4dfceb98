import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkstation } from '../../src/main/bootstrap';
import { fixedClock } from '../helpers/his';
import { tempDir } from '../helpers/stores';

// The data folder holds the patient store and the demo HIS: only the OS user running the
// workstation may read them, whatever the umask, and an older, looser folder is tightened on start.

const root = tempDir('followup-modes');
const dataDir = path.join(root, 'data');
const mode = (f: string) => fs.statSync(path.join(dataDir, f)).mode & 0o777;
const PRIVATE_FILES = ['followup.sqlite', 'followup.sqlite-wal', 'followup.sqlite-shm', 'demo-his.sqlite', 'config.json', 'initial-admin-password.txt'];

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('creates the folder 0700 and the store, its WAL, the demo HIS and the config 0600, even under umask 000', async () => {
    const umask = process.umask(0o000);
    try {
      fs.mkdirSync(dataDir);
      fs.writeFileSync(path.join(dataDir, 'config.json'), '{}');
      const { app } = await startWorkstation(dataDir, { demoPatients: 50, clock: fixedClock('2026-06-30 09:00:00'), log: () => {} });
      try {
        // Written to, so the WAL and shared-memory files exist while the store is open.
        await app.store.knex('audit_log').insert({ at: '2026-06-30 09:00:00', action: 'probe' });
        expect(mode('.')).toBe(0o700);
        for (const f of PRIVATE_FILES) expect([f, mode(f)]).toEqual([f, 0o600]);
      } finally {
        await app.close();
      }
    } finally {
      process.umask(umask);
    }
  });

  it('tightens a folder and files left readable by an older version on the next start', async () => {
    fs.chmodSync(dataDir, 0o755);
    for (const f of ['followup.sqlite', 'demo-his.sqlite', 'config.json']) fs.chmodSync(path.join(dataDir, f), 0o644);
    const { app } = await startWorkstation(dataDir, { demoPatients: 50, clock: fixedClock('2026-06-30 09:00:00'), log: () => {} });
    try {
      expect(mode('.')).toBe(0o700);
      for (const f of ['followup.sqlite', 'demo-his.sqlite', 'config.json']) expect([f, mode(f)]).toEqual([f, 0o600]);
    } finally {
      await app.close();
    }
  });
});
