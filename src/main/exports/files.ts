import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Finished exports live under <dataDir>/exports/ (0700), one file per export named by its id
// (0600); the Chinese name the user sees is the row's file_name, given at download.

export const exportsDir = (dataDir: string): string => path.join(dataDir, 'exports');

export async function ensureExportsDir(dataDir: string): Promise<string> {
  const dir = exportsDir(dataDir);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode does not apply to a folder that already exists (or passes through the umask).
  await fs.promises.chmod(dir, 0o700);
  return dir;
}

export const storedName = (exportId: number, ext: string): string => `export-${exportId}.${ext}`;

/** The stored file of an export, or null when the name would leave the folder. */
export function storedPath(dataDir: string, rel: string): string | null {
  const root = path.resolve(exportsDir(dataDir));
  const file = path.resolve(root, rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Which process's exports a restart may fail: this host and data folder. */
export const runnerId = (dataDir: string): string => `${os.hostname()}:${path.resolve(dataDir)}`.slice(0, 300);

/** A name safe on Windows, macOS and Linux, Chinese kept. */
export const safeFileName = (name: string): string =>
  [...name]
    .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/_+/g, '_')
    .trim()
    .slice(0, 150) || 'export';
