import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupError, backupStore, backupsDir } from '../../src/main/store/backup';
import { restoreStore } from '../../src/main/store/restore';
import { inUseFile, markStoreInUse } from '../../src/main/store/store-in-use';
import { openStore } from '../../src/main/store/store';
import { addPatient, backupDirs as dirs, counts, dataDir, integrity, maxIds, seededStore, sha } from '../helpers/backup';
import { fixedClock } from '../helpers/his';
import { createTestStore, tempDir } from '../helpers/stores';

// Online backups of the SQLite store on real files: taken while rows are written, restored to
// the same rows; a wrong, truncated or damaged file, or one from a newer version, is refused with
// the store left as it was.

const clock = fixedClock('2026-03-10 09:00:00');

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('SQLite store backup and restore', () => {
  it('backs up while rows are written; the restore has the same rows as the store when the copy ended, intact', async () => {
    const src = dataDir();
    const store = await seededStore(src.config, 6000);
    const backup = path.join(src.dir, 'during-writes.sqlite');
    let stop = false;
    let written = 0;
    let writtenDuringBackup = 0;
    let backingUp = true;
    const writer = (async () => {
      for (let i = 100_000; !stop; i++) {
        // As requests do, each write comes in its own turn of the event loop.
        await new Promise((r) => setImmediate(r));
        await addPatient(store.knex, i);
        written += 1;
        if (backingUp) writtenDuringBackup += 1;
      }
    })();
    await new Promise((r) => setTimeout(r, 20));
    const done = await backupStore(store, backup, { pagesPerStep: 5 });
    backingUp = false;
    stop = true;
    await writer;
    expect(writtenDuringBackup, 'the writer kept writing while the backup ran').toBeGreaterThan(5);
    expect(done.bytes).toBeGreaterThan(0);
    if (process.platform !== 'win32') expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    const final = await counts(store.knex);
    await store.close();
    expect(integrity(backup)).toBe('ok');

    const dst = dataDir();
    const result = await restoreStore(dst.config, backup, clock);
    expect(result).toMatchObject({ restored: dst.config.store.filename, replacedCopy: null });
    expect(integrity(dst.config.store.filename)).toBe('ok');
    const restored = await openStore(dst.config.store);
    const reopened = await openStore(src.config.store);
    try {
      const got = await counts(restored.knex);
      // Whole transactions only: each patient the writer added came with its phone and audit row.
      expect(got.phones - 6000).toBe(got.patients - 6000);
      expect(got.audit_log - 6000).toBe(got.patients - 6000);
      expect(got.patients).toBeGreaterThan(6000);
      expect(got.patients).toBeLessThanOrEqual(final.patients);
      // The same rows as the store had up to the copy's last id, table by table.
      expect(got).toEqual(await counts(reopened.knex, await maxIds(restored.knex)));
      expect(final.patients - got.patients).toBeLessThanOrEqual(written);
    } finally {
      await restored.close();
      await reopened.close();
    }
  });

  it('restores a backup over an existing store, keeping the replaced one as a copy', async () => {
    const a = dataDir();
    const store = await seededStore(a.config, 100);
    const backup = path.join(a.dir, 'a.sqlite');
    await backupStore(store, backup);
    await addPatient(store.knex, 999); // after the backup: gone once restored, kept in the copy
    await store.close();

    const result = await restoreStore(a.config, backup, clock);
    expect(result.replacedCopy).toBe(path.join(backupsDir(a.dir), 'followup-before-restore-20260310-090000.sqlite'));
    const restored = await openStore(a.config.store);
    expect(await counts(restored.knex)).toEqual({ patients: 100, phones: 100, audit_log: 100 });
    await restored.close();
    const copy = new Database(result.replacedCopy!, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(101);
    copy.close();
    if (process.platform !== 'win32') expect(fs.statSync(result.replacedCopy!).mode & 0o777).toBe(0o600);
  });

  describe('refusals leave the store untouched', () => {
    let target: ReturnType<typeof dataDir>;
    let good: string;
    let before: string;

    async function refused(file: string, message: RegExp): Promise<void> {
      await expect(restoreStore(target.config, file, clock)).rejects.toThrow(message);
      await expect(restoreStore(target.config, file, clock)).rejects.toBeInstanceOf(BackupError);
      expect(sha(target.config.store.filename)).toBe(before);
      expect(fs.existsSync(backupsDir(target.dir))).toBe(false);
      expect(fs.readdirSync(target.dir).filter((f) => f.includes('restoring'))).toEqual([]);
    }

    it('refuses a text file, a truncated and a damaged backup', async () => {
      target = dataDir();
      const store = await seededStore(target.config, 3000);
      good = path.join(target.dir, '..', `${path.basename(target.dir)}-good.sqlite`);
      dirs.push(good);
      await backupStore(store, good);
      await store.close();
      before = sha(target.config.store.filename);

      const text = path.join(target.dir, 'notes.txt');
      fs.writeFileSync(text, '这不是数据库 this is not a database\n'.repeat(100));
      await refused(text, /^该文件不是 SQLite 数据库.*\(the file is not an SQLite database/);
      const empty = path.join(target.dir, 'empty.sqlite');
      fs.writeFileSync(empty, '');
      await refused(empty, /not an SQLite database/);
      await refused(path.join(target.dir, 'missing.sqlite'), /^找不到备份文件 \(no backup file at /);

      const bytes = fs.readFileSync(good);
      const truncated = path.join(target.dir, 'truncated.sqlite');
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await refused(truncated, /^备份文件已损坏.*\(the backup file is corrupt/);

      const damaged = path.join(target.dir, 'damaged.sqlite');
      const copy = Buffer.from(bytes);
      for (let i = 8192; i < copy.length - 8192; i += 4096) copy.fill(0xa5, i + 100, i + 400); // scribbled over most pages
      fs.writeFileSync(damaged, copy);
      await refused(damaged, /^备份文件已损坏.*\(the backup file is corrupt/);
    });

    it('refuses a store from a newer version and a SQLite file that is not a follow-up store', async () => {
      const newer = path.join(target.dir, 'newer.sqlite');
      fs.copyFileSync(good, newer);
      const db = new Database(newer);
      db.prepare('INSERT INTO knex_migrations (name, batch, migration_time) VALUES (?, 99, ?)').run('29991231_0999_from_the_future', new Date().toISOString());
      db.close();
      await refused(newer, /^该备份来自更新版本的随访工作站.*\(the backup comes from a newer version.*\): 29991231_0999_from_the_future/);

      const other = path.join(target.dir, 'other.sqlite');
      const o = new Database(other);
      o.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1)');
      o.close();
      await refused(other, /^该 SQLite 文件不是随访工作站的数据库.*\(the SQLite file is not a follow-up store/);
    });

    it('refuses while a workstation process holds the store', async () => {
      const release = markStoreInUse(target.config.store.filename);
      try {
        await refused(good, new RegExp(`^工作站进程 ${process.pid} 正在使用该存储.*\\(workstation process ${process.pid} holds the store`));
      } finally {
        release();
      }
      expect(fs.existsSync(inUseFile(target.config.store.filename))).toBe(false);
      // A marker left by a process that is gone (a crash) does not count.
      fs.writeFileSync(inUseFile(target.config.store.filename), JSON.stringify({ pid: 2 ** 22 + 12345 }));
      await expect(restoreStore(target.config, good, clock)).resolves.toMatchObject({ migrations: expect.any(Number) });
    });
  });

  it('says pg_dump is the tool for a PostgreSQL store', async () => {
    const pg = await createTestStore('pg');
    const store = await pg.open();
    try {
      const msg = /^PostgreSQL 存储请用 pg_dump 备份.*\(a PostgreSQL store is backed up with pg_dump/;
      await expect(backupStore(store, path.join(tempDir('followup-pgb'), 'x.sqlite'))).rejects.toThrow(msg);
      await expect(restoreStore({ store: pg.config, dataDir: tempDir('followup-pgr') }, __filename, clock)).rejects.toThrow(msg);
    } finally {
      await store.close();
      await pg.drop();
    }
  });
});
