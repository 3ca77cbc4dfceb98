import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beijingTimestamp, type Clock } from '../util/clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../util/private-files';
import { knownMigrations } from './migration-source';
import type { Store, StoreConfig } from './store';

// Online backups of a SQLite store through SQLite's backup API (better-sqlite3 `db.backup`):
// a consistent copy while the workstation keeps writing. Written to <dataDir>/backups, 0600.
// A PostgreSQL store is backed up with pg_dump, not here.

/** A refusal the admin can act on; the message is "中文 (English)". */
export class BackupError extends Error {}

export const PG_BACKUP_MESSAGE =
  'PostgreSQL 存储请用 pg_dump 备份、pg_restore 恢复，本命令只处理 SQLite 存储 (a PostgreSQL store is backed up with pg_dump and restored with pg_restore; this command handles SQLite stores only)';

const BACKUP_NAME = /^followup-(\d{8})-(\d{6})\.sqlite$/;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** One step copies everything (a read transaction for the whole copy; WAL keeps writers going). */
export const ALL_PAGES = 0x7fffffff;

export const backupsDir = (dataDir: string): string => path.join(dataDir, 'backups');

/** followup-YYYYMMDD-HHMMSS.sqlite, Beijing time: names sort as the backups were taken. */
export const backupName = (clock: Clock, prefix = 'followup'): string =>
  `${prefix}-${beijingTimestamp(clock.now()).replace(/-|:/g, '').replace(' ', '-')}.sqlite`;

/**
 * Copies the open store to `dest` (0600) while it stays in use. Writes through the store's own
 * connection go into the copy as it is made; a write from another process restarts the copy, so
 * after a few restarts the rest is copied in one step.
 */
export async function backupStore(store: Store, dest: string, opts: { pagesPerStep?: number } = {}): Promise<{ file: string; bytes: number }> {
  if (store.dialect !== 'sqlite' || !store.sqlite) throw new BackupError(PG_BACKUP_MESSAGE);
  const partial = `${dest}.partial`;
  fs.rmSync(partial, { force: true });
  // Made empty with its mode first: SQLite then writes into a file only the OS user can read.
  fs.closeSync(fs.openSync(partial, 'wx', PRIVATE_FILE_MODE));
  let restarts = 0;
  let lastRemaining = Infinity;
  try {
    await store.sqlite.backup(partial, {
      progress: ({ remainingPages }) => {
        if (remainingPages > lastRemaining) restarts += 1;
        lastRemaining = remainingPages;
        return restarts >= 3 ? ALL_PAGES : (opts.pagesPerStep ?? 1000);
      },
    });
    fs.renameSync(partial, dest);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { file: dest, bytes: fs.statSync(dest).size };
}

/** Keeps the newest `keep` of the backups named by backupName; returns the files removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs
    .readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep)).map((n) => path.join(dir, n));
  for (const f of old) fs.rmSync(f, { force: true });
  return old;
}

/** Beijing 'YYYY-MM-DD HH:MM:SS' of each backup in `dir`, newest last. */
export function backupTimes(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((n) => BACKUP_NAME.exec(n))
    .filter((m): m is RegExpExecArray => !!m)
    .map(([, d, t]) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)} ${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}`)
    .sort();
}

/** A backup into <dataDir>/backups, then the oldest beyond `keep` removed. */
export async function takeBackup(
  store: Store,
  dataDir: string,
  clock: Clock,
  keep: number,
  opts: { pagesPerStep?: number } = {},
): Promise<{ file: string; bytes: number; pruned: string[] }> {
  const dir = backupsDir(dataDir);
  ensurePrivateDir(dir);
  const done = await backupStore(store, path.join(dir, backupName(clock)), opts);
  return { ...done, pruned: pruneBackups(dir, keep) };
}

/**
 * Checks that `file` is a follow-up store this version can open: SQLite, intact, with our
 * migrations table and no migration unknown here. Opens it read-write (a WAL file needs its
 * -shm), so give it a copy.
 */
export function verifyStoreFile(file: string): { migrations: number } {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER))
    throw new BackupError('该文件不是 SQLite 数据库，不是随访工作站的备份 (the file is not an SQLite database, so not a follow-up store backup)');
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (check.length !== 1 || check[0].integrity_check !== 'ok')
      throw new BackupError(`备份文件已损坏 (the backup file is corrupt: ${check[0]?.integrity_check ?? 'no result'})`);
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'knex_migrations'").get();
    if (!hasTable)
      throw new BackupError('该 SQLite 文件不是随访工作站的数据库（没有迁移记录） (the SQLite file is not a follow-up store: it has no migrations table)');
    const applied = db.prepare('SELECT name FROM knex_migrations ORDER BY name').pluck().all() as string[];
    const known = new Set(knownMigrations());
    const unknown = applied.filter((n) => !known.has(n));
    if (unknown.length)
      throw new BackupError(
        `该备份来自更新版本的随访工作站，请先升级本程序 (the backup comes from a newer version of the workstation; upgrade first): ${unknown.join(', ')}`,
      );
    return { migrations: applied.length };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    const e = err as { code?: string; message?: string };
    throw new BackupError(`备份文件已损坏，无法读取 (the backup file is corrupt and cannot be read: ${e.code ?? ''} ${e.message ?? String(err)})`);
  } finally {
    db?.close();
  }
}

export const replacedStoreName = (clock: Clock): string => backupName(clock, 'followup-before-restore');

export function assertSqliteStore(config: StoreConfig): asserts config is { client: 'sqlite'; filename: string } {
  if (config.client !== 'sqlite') throw new BackupError(PG_BACKUP_MESSAGE);
}
