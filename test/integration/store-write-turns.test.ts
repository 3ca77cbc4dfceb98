import { watchLoopLag } from '../../src/main/util/loop-lag';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/main/store/store';
import { createTestStore, type TestStore } from '../helpers/stores';

// The store's SQLite connection never sleeps on the event loop for a lock (busy_timeout 0): a
// write that finds the lock held by another process is retried on a timer, and knex
// transactions begin IMMEDIATE, taking the lock before they read.

describe('store writes while another process holds the SQLite write lock', () => {
  let t: TestStore;
  let store: Store;
  let other: Database.Database;

  beforeAll(async () => {
    t = await createTestStore('sqlite');
    store = await t.open();
    // A connection outside this process's turns: to the store it is another process.
    other = new Database((t.config as { filename: string }).filename);
  });
  afterAll(async () => {
    other?.close();
    await store?.close();
    await t?.drop();
  });

  const lagDuring = async <T>(work: () => Promise<T>): Promise<{ out: T; maxLag: number; ms: number }> => {
    const lag = watchLoopLag(5);
    const started = performance.now();
    try {
      const out = await work();
      return { out, maxLag: lag.max(), ms: performance.now() - started };
    } finally {
      lag.stop();
    }
  };

  it('waits for the lock on a timer, with the event loop free, then writes', async () => {
    other.exec('BEGIN IMMEDIATE');
    other
      .prepare(
        "insert into departments (source_system, source_code, name, name_pinyin, active, updated_at) values ('x', 'OTHER', '外来', 'wl', 1, '2026-01-01 00:00:00')",
      )
      .run();
    setTimeout(() => other.exec('COMMIT'), 400);
    const { maxLag, ms } = await lagDuring(async () => {
      await store
        .knex('departments')
        .insert({ source_system: 'x', source_code: 'MINE', name: '本地', name_pinyin: 'bd', active: 1, updated_at: '2026-01-01 00:00:00' });
      await store.knex.transaction(async (trx) => {
        const n = Number((await trx('departments').count({ n: '*' }))[0].n);
        await trx('departments')
          .where({ source_code: 'MINE' })
          .update({ name: `本地${n}` });
      });
    });
    expect(ms).toBeGreaterThanOrEqual(350);
    expect(maxLag).toBeLessThan(200);
    expect(await store.knex('departments').whereIn('source_code', ['OTHER', 'MINE']).orderBy('source_code').pluck('name')).toEqual(['本地2', '外来']);
  });
});
