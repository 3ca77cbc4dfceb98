import path from 'node:path';
import { generateDemoHis } from '../../src/main/his/demo/generate';
import { loadProfile } from '../../src/main/his/profile';
import { openSqliteSource } from '../../src/main/his/sources/sqlite-source';
import { runSync, type SyncOptions } from '../../src/main/his/sync-runner';
import type { Store } from '../../src/main/store/store';
import type { Clock } from '../../src/main/util/clock';
import { beijingInstant } from '../../src/shared/beijing-time';
import { tempDir } from './stores';

export const demoProfile = () => loadProfile(path.resolve(__dirname, '../../templates/his/demo'));

/** A clock fixed at a Beijing wall-clock time, given as 'YYYY-MM-DD HH:mm:ss'. */
export function fixedClock(beijing: string): Clock & { set(b: string): void } {
  let t = beijingInstant(beijing);
  return { now: () => t, set: (b) => (t = beijingInstant(b)) };
}

export function makeDemoHis(patients: number, seed = 7, endDate = '2026-06-30') {
  const dir = tempDir('followup-his');
  const file = path.join(dir, 'his.sqlite');
  const summary = generateDemoHis({ out: file, patients, seed, endDate });
  return { dir, file, summary };
}

export async function syncOnce(store: Store, hisFile: string, clock: Clock, opts: SyncOptions = {}) {
  const source = openSqliteSource(hisFile);
  try {
    return await runSync(store, source, demoProfile(), clock, opts);
  } finally {
    await source.close();
  }
}
