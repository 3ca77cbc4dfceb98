import { describe, expect, it } from 'vitest';
import { busyError, WriteGate, whileBusy } from '../../src/main/store/write-gate';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('the write gate', () => {
  it('gives turns first come, first served', async () => {
    const gate = new WriteGate();
    const order: string[] = [];
    const first = await gate.acquire();
    const b = gate.acquire().then((release) => (order.push('b'), release));
    const c = gate.acquire().then((release) => (order.push('c'), release));
    expect(gate.waiting).toBe(2);
    first();
    (await b)();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    // Released: the next one is immediate.
    (await gate.acquire())();
  });

  it('lets a background writer wait for foreground writers to finish and go quiet', async () => {
    const gate = new WriteGate();
    const order: string[] = [];
    const nurse = await gate.acquire();
    const sync = gate.backgroundTurn({ quietMs: 20, maxDeferMs: 1000 }).then((release) => (order.push('sync'), release));
    await tick(5);
    nurse();
    // A second write of the same request, just after the first: still before the sync.
    const again = await gate.acquire();
    order.push('nurse again');
    again();
    (await sync)();
    expect(order).toEqual(['nurse again', 'sync']);
  });

  it('does not let a busy ward stop the background writer for long', async () => {
    const gate = new WriteGate();
    const nurse = await gate.acquire();
    const started = performance.now();
    const sync = gate.backgroundTurn({ quietMs: 5, maxDeferMs: 50 });
    await tick(80);
    nurse();
    (await sync)();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('fails a turn not given in time as SQLITE_BUSY, and forgets it', async () => {
    const gate = new WriteGate();
    const held = await gate.acquire();
    await expect(gate.acquire({ timeoutMs: 20 })).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(gate.waiting).toBe(0);
    held();
    (await gate.acquire())();
  });
});

describe('whileBusy', () => {
  it('retries on a timer while the lock is held elsewhere, and passes other errors on at once', async () => {
    let n = 0;
    expect(
      await whileBusy(() => {
        if (++n < 4) throw busyError('database is locked');
        return 'done';
      }),
    ).toBe('done');
    expect(n).toBe(4);
    let m = 0;
    await expect(
      whileBusy(() => {
        m++;
        throw Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' });
      }),
    ).rejects.toThrow('constraint');
    expect(m).toBe(1);
    await expect(
      whileBusy(() => {
        throw busyError('database is locked');
      }, 30),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
  });
});
