import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../util/clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../util/private-files';
import { assertSqliteStore, BackupError, backupsDir, replacedStoreName, verifyStoreFile } from './backup';
import { inUseFile, storeInUseBy } from './store-in-use';
import { openStore, type StoreConfig } from './store';

export interface RestoreResult {
  restored: string;
  /** The store that was replaced, kept in the backups folder (null when there was none). */
  replacedCopy: string | null;
  migrations: number;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Replaces the SQLite store with a backup. Nothing is touched until the backup has proved to
 * be an intact follow-up store this version knows and no workstation process holds the store;
 * the store it replaces is kept as a copy in <dataDir>/backups.
 */
export async function restoreStore(config: { store: StoreConfig; dataDir: string }, file: string, clock: Clock): Promise<RestoreResult> {
  assertSqliteStore(config.store);
  const target = path.resolve(config.store.filename);
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new BackupError(`找不到备份文件 (no backup file at ${source})`);
  if (source === target) throw new BackupError('不能用存储本身恢复 (the backup file is the store itself)');
  fs.mkdirSync(path.dirname(target), { recursive: true });

  // Checked on a copy beside the store: the backup itself stays as it is, and the copy then
  // moves into place with a rename.
  const staged = `${target}.restoring`;
  removeWithSideFiles(staged);
  fs.copyFileSync(source, staged);
  fs.chmodSync(staged, PRIVATE_FILE_MODE);
  try {
    const { migrations } = verifyStoreFile(staged);
    const pid = storeInUseBy(target);
    if (pid !== null)
      throw new BackupError(
        `工作站进程 ${pid} 正在使用该存储，请先关闭工作站再恢复 (workstation process ${pid} holds the store; stop it before restoring; if none runs, delete ${inUseFile(target)})`,
      );
    const replacedCopy = fs.existsSync(target) ? await keepReplaced(target, config.dataDir, clock) : null;
    // The old store's WAL must not be replayed into the restored file.
    for (const s of SIDE_FILES) fs.rmSync(target + s, { force: true });
    fs.renameSync(staged, target);
    // Brings an older backup's schema up to date, as a start would.
    const store = await openStore(config.store);
    await store.close();
    return { restored: target, replacedCopy, migrations };
  } finally {
    removeWithSideFiles(staged);
  }
}

/** A consistent copy of the store being replaced (its WAL included), or its raw files if it cannot be opened. */
async function keepReplaced(target: string, dataDir: string, clock: Clock): Promise<string> {
  const dir = backupsDir(dataDir);
  ensurePrivateDir(dir);
  const copy = path.join(dir, replacedStoreName(clock));
  fs.closeSync(fs.openSync(copy, 'w', PRIVATE_FILE_MODE));
  let db: Database.Database | null = null;
  try {
    db = new Database(target, { fileMustExist: true });
    await db.backup(copy);
  } catch {
    // A damaged store is kept byte for byte, with its WAL beside it.
    fs.copyFileSync(target, copy);
    fs.chmodSync(copy, PRIVATE_FILE_MODE);
    if (fs.existsSync(`${target}-wal`)) {
      fs.copyFileSync(`${target}-wal`, `${copy}-wal`);
      fs.chmodSync(`${copy}-wal`, PRIVATE_FILE_MODE);
    }
  } finally {
    db?.close();
  }
  return copy;
}

function removeWithSideFiles(file: string): void {
  for (const s of ['', ...SIDE_FILES]) fs.rmSync(file + s, { force: true });
}
