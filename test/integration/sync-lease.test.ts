import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config';
import { SyncHeldElsewhere, SyncManager, SYNC_LEASE } from '../../src/main/his/sync-manager';
import { readLease, releaseLease, renewLease, takeLease } from '../../src/main/store/lease';
import { openStore, type Store } from '../../src/main/store/store';
import { EventBus } from '../../src/main/util/events';
import { fixedClock, makeDemoHis } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// The HIS sync lock is a lease row in the store, so that workstations sharing one PostgreSQL
// store sync one at a time, and a workstation that died holding it does not block the team.

const MINUTE = 60_000;
const his = makeDemoHis(60, 3);
const dataDir = tempDir('followup-lease');
fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ his: { profile: 'demo', connection: { client: 'sqlite', filename: his.file } } }));
afterAll(() => {
  fs.rmSync(his.dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(STORE_KINDS)('sync lease on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const opened: Store[] = [];
  const clock = fixedClock('2026-07-01 10:00:00');
  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
  });
  afterEach(async () => {
    await store.knex('leases').delete();
    clock.set('2026-07-01 10:00:00');
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    await store?.close();
    await t?.drop();
  });
  const another = async () => {
    const s = await openStore(t.config);
    opened.push(s);
    return s;
  };

  it('is taken when free and refused while held, naming its holder', async () => {
    expect(await takeLease(store.knex, clock, 'job', 'ws-a', MINUTE, 'admin')).toMatchObject({ taken: true });
    const refused = await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE);
    expect(refused).toEqual({
      taken: false,
      heldBy: { name: 'job', holder: 'ws-a', heldFor: 'admin', acquiredAt: '2026-07-01 10:00:00', expiresAt: '2026-07-01 10:01:00' },
    });
  });

  it('is taken at once from a process of this PC that is gone (a killed sync), never from a live one', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadHolder = `${os.hostname()} (pid ${gone.stdout.toString()})`;
    const liveHolder = `${os.hostname()} (pid ${process.ppid})`;
    await takeLease(store.knex, clock, 'job', liveHolder, MINUTE);
    expect((await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE)).taken).toBe(false);
    await releaseLease(store.knex, 'job', liveHolder);
    await takeLease(store.knex, clock, 'job', deadHolder, MINUTE);
    expect(await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE)).toMatchObject({ taken: true, lease: { holder: 'ws-b' } });
  });

  it('runs out when its holder stops renewing, and then another may take it', async () => {
    await takeLease(store.knex, clock, 'job', 'ws-a', MINUTE);
    clock.set('2026-07-01 10:01:00');
    expect((await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE)).taken).toBe(false);
    clock.set('2026-07-01 10:01:01');
    expect(await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE)).toMatchObject({ taken: true, lease: { holder: 'ws-b' } });
    // The old holder, back from a stall, learns it has lost the lease.
    expect(await renewLease(store.knex, clock, 'job', 'ws-a', MINUTE)).toBe(false);
    expect((await readLease(store.knex, 'job'))?.holder).toBe('ws-b');
  });

  it('is kept by renewal, and freed by release', async () => {
    await takeLease(store.knex, clock, 'job', 'ws-a', MINUTE);
    clock.set('2026-07-01 10:00:50');
    expect(await renewLease(store.knex, clock, 'job', 'ws-a', MINUTE)).toBe(true);
    clock.set('2026-07-01 10:01:40');
    expect((await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE)).taken).toBe(false);
    await releaseLease(store.knex, 'job', 'ws-b'); // not its lease: nothing happens
    expect((await readLease(store.knex, 'job'))?.expiresAt).toBe('2026-07-01 10:01:50');
    await releaseLease(store.knex, 'job', 'ws-a');
    expect((await takeLease(store.knex, clock, 'job', 'ws-b', MINUTE)).taken).toBe(true);
  });

  it('goes to exactly one of several workstations taking it at once', async () => {
    const stores = [store, await another(), await another(), await another()];
    const results = await Promise.all(stores.map((s, i) => takeLease(s.knex, clock, 'race', `ws-${i}`, MINUTE)));
    const winners = results.filter((r) => r.taken);
    expect(winners).toHaveLength(1);
    expect((await readLease(store.knex, 'race'))?.holder).toBe(winners[0].taken && winners[0].lease.holder);
  });

  it('lets exactly one of two workstations racing sync.start run; the other is told who syncs', async () => {
    const other = await another();
    const config = loadConfig(dataDir, {});
    const manager = (s: Store, holder: string) => new SyncManager(s, config, clock, new EventBus(), () => {}, holder);
    const [a, b] = [manager(store, 'WS-A (pid 1)'), manager(other, 'WS-B (pid 2)')];
    const raced = await Promise.allSettled([a.start('admin-a'), b.start('admin-b')]);
    const won = raced.filter((r) => r.status === 'fulfilled');
    const lost = raced.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = raced[0].status === 'fulfilled' ? 'WS-A (pid 1)' : 'WS-B (pid 2)';
    expect(lost[0].reason).toBeInstanceOf(SyncHeldElsewhere);
    expect(lost[0].reason.message).toMatch(
      new RegExp(`^另一台工作站正在同步：${winner.replace(/[()]/g, '\\$&')}，由 admin-. 发起 \\(a sync is already running on`),
    );
    const run = await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<SyncManager['start']>>>).value.done;
    expect(run.status).toBe('ok');
    expect(await store.knex('sync_runs').count({ n: '*' })).toEqual([{ n: kind === 'pg' ? '1' : 1 }]);
    // Released when the run ends: the other workstation may sync now.
    expect(await readLease(store.knex, SYNC_LEASE)).toBeNull();
    const loser = winner.startsWith('WS-A') ? b : a;
    expect((await (await loser.start('admin')).done).status).toBe('ok');
  });

  it('takes over the lease of a workstation that died holding it, once it has run out', async () => {
    await store
      .knex('leases')
      .insert({ name: SYNC_LEASE, holder: 'WS-DEAD (pid 9)', held_for: 'admin', acquired_at: '2026-07-01 09:58:30', expires_at: '2026-07-01 09:59:30' });
    const m = new SyncManager(store, loadConfig(dataDir, {}), clock, new EventBus(), () => {}, 'WS-A (pid 1)');
    clock.set('2026-07-01 09:59:00');
    await expect(m.start('admin')).rejects.toThrow(/WS-DEAD \(pid 9\).*lease runs until 2026-07-01 09:59:30/);
    clock.set('2026-07-01 10:00:00');
    const { done } = await m.start('admin');
    expect((await done).status).toBe('ok');
  });
});
