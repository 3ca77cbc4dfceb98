import Database from 'better-sqlite3';
import type { HisSource } from '../../src/main/his/sources';
import { runSync } from '../../src/main/his/sync-runner';
import type { Store } from '../../src/main/store/store';
import type { Clock } from '../../src/main/util/clock';
import { demoProfile, syncOnce } from './his';
import { createTestStore } from './stores';

// For the HIS suites run against a real foreign server (SQL Server, Oracle) when an environment
// variable points at one: the demo views to load into it, and the comparison with the SQLite file.

export interface DemoView {
  name: string;
  cols: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

export function demoViews(file: string): DemoView[] {
  const src = new Database(file, { readonly: true });
  try {
    const names = (src.prepare("select name from sqlite_master where type = 'table' and name like 'V\\_%' escape '\\'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    return names.map((name) => ({
      name,
      cols: src.prepare(`pragma table_info(${name})`).all() as { name: string; type: string }[],
      rows: src.prepare(`select * from ${name}`).all() as Record<string, unknown>[],
    }));
  } finally {
    src.close();
  }
}

async function encountersAfter(fn: (s: Store) => Promise<unknown>): Promise<number> {
  const t = await createTestStore('sqlite');
  const store = await t.open();
  try {
    await fn(store);
    return Number((await store.knex('encounters').count({ n: '*' }))[0].n);
  } finally {
    await store.close();
    await t.drop();
  }
}

/** Encounters synced through `source` and from the SQLite file itself, for the test to compare. */
export async function syncedBothWays(hisFile: string, open: () => Promise<HisSource>, clock: Clock): Promise<{ expected: number; actual: number }> {
  const expected = await encountersAfter((s) => syncOnce(s, hisFile, clock));
  const actual = await encountersAfter(async (s) => {
    const source = await open();
    try {
      const run = await runSync(s, source, demoProfile(), clock);
      if (run.status !== 'ok') throw new Error(`sync through ${source.describe}: ${run.error}`);
    } finally {
      await source.close();
    }
  });
  return { expected, actual };
}
