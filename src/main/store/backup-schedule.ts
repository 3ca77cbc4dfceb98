import type { AppConfig } from '../config';
import { beijingTimestamp, type Clock } from '../util/clock';
import { backupsDir, backupTimes, takeBackup } from './backup';
import { markStoreInUse } from './store-in-use';
import type { Store } from './store';

// The daily backup of a SQLite store, run by the long-running process (`followup serve`, the
// desktop app) on the app's clock: once a Beijing day, at the first check from the configured
// hour on (a desktop switched on at nine still gets that day's backup). Any backup in the folder
// taken that day from that hour on counts, an on-demand `followup backup` too.

export const CHECK_EVERY_MS = 60_000;
/** A failed backup (a full disk…) is tried again after this long, not at every check. */
export const RETRY_AFTER_MS = 3_600_000;

export interface BackupSchedule {
  /** One check: takes the day's backup when it is due; the file, or null. */
  tick(): Promise<string | null>;
  /** Ends the checks and waits for a backup under way. */
  stop(): Promise<void>;
}

export function startBackupSchedule(
  app: { store: Store; clock: Clock; config: Pick<AppConfig, 'dataDir' | 'store' | 'backup'> },
  log: (msg: string) => void,
  opts: { checkEveryMs?: number } = {},
): BackupSchedule {
  const { store, clock, config } = app;
  if (config.store.client !== 'sqlite') {
    log('backup: the store is PostgreSQL; back it up with pg_dump (no scheduled backup here)');
    return { tick: async () => null, stop: async () => {} };
  }
  const release = markStoreInUse(config.store.filename);
  const hour = config.backup?.hour ?? null;
  const keep = config.backup?.keep ?? 7;
  let running: Promise<string | null> | null = null;
  let retryAt = 0;

  const due = (): boolean => {
    if (hour === null || clock.now().getTime() < retryAt) return false;
    const now = beijingTimestamp(clock.now());
    const from = `${now.slice(0, 10)} ${String(hour).padStart(2, '0')}:00:00`;
    return now >= from && !backupTimes(backupsDir(config.dataDir)).some((t) => t >= from);
  };
  const tick = (): Promise<string | null> => {
    if (running) return running;
    if (!due()) return Promise.resolve(null);
    running = takeBackup(store, config.dataDir, clock, keep)
      .then(({ file, bytes, pruned }) => {
        log(`backup: ${file} (${bytes} bytes)${pruned.length ? `, ${pruned.length} older removed` : ''}`);
        return file;
      })
      .catch((err: Error) => {
        log(`backup failed: ${err.message}`);
        retryAt = clock.now().getTime() + RETRY_AFTER_MS;
        return null;
      })
      .finally(() => (running = null));
    return running;
  };

  const timer = hour === null ? null : setInterval(() => void tick(), opts.checkEveryMs ?? CHECK_EVERY_MS);
  timer?.unref();
  return {
    tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
      release();
    },
  };
}
