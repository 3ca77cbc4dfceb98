import fs from 'node:fs';

// The data folder holds patient data: only the OS user running the workstation may read it.
// Modes are set with chmod after creating, so a permissive umask (or a folder made by an older
// version) cannot leave them open. On Windows chmod only toggles read-only; the profile folder's
// ACL protects the data there.

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder if needed and makes it (back) into 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600; a missing one is left missing. */
export function restrictFile(file: string): void {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Before SQLite opens `filename`: creates it empty (0600) when missing and tightens the file and
 * its WAL, shared-memory and journal files. SQLite gives the WAL and -shm files it creates the
 * database file's own mode, so they are 0600 too.
 */
export function prepareSqliteFile(filename: string): void {
  if (!filename || filename === ':memory:' || filename.startsWith('file:')) return;
  fs.closeSync(fs.openSync(filename, 'a', PRIVATE_FILE_MODE));
  restrictSqliteFiles(filename);
}

/** Tightens an SQLite database file and its WAL, shared-memory and journal files, those that exist. */
export function restrictSqliteFiles(filename: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) restrictFile(filename + suffix);
}
