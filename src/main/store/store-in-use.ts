import fs from 'node:fs';
import { PRIVATE_FILE_MODE } from '../util/private-files';

// The long-running workstation (`followup serve`, the desktop app) marks the SQLite store it
// holds with <store>.in-use (its pid), so `followup restore` can refuse to pull the file from
// under it. A marker whose process is gone (a crash) does not count.

export const inUseFile = (storeFile: string): string => `${storeFile}.in-use`;

/** Writes the marker; the function returned removes it (only if it is still ours). */
export function markStoreInUse(storeFile: string): () => void {
  const file = inUseFile(storeFile);
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid }), { mode: PRIVATE_FILE_MODE });
  return () => {
    if (storeInUseBy(storeFile) === process.pid) fs.rmSync(file, { force: true });
  };
}

/** The pid of a live process holding the store, or null. */
export function storeInUseBy(storeFile: string): number | null {
  let pid: number;
  try {
    pid = Number(JSON.parse(fs.readFileSync(inUseFile(storeFile), 'utf8')).pid);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive, but another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
