import os from 'node:os';
import type { Knex } from 'knex';
import { beijingTimestamp, type Clock } from '../util/clock';

/** A lease row: who holds `name` until when (Beijing wall-clock strings). */
export interface Lease {
  name: string;
  holder: string;
  heldFor: string | null;
  acquiredAt: string;
  expiresAt: string;
}

export type TakeResult = { taken: true; lease: Lease } | { taken: false; heldBy: Lease | null };

/**
 * This process, as a lease holder: the workstation's host name and the process id, so that two
 * processes of one PC (the server and a CLI sync) are two holders, and a restarted process is not
 * mistaken for the one that died.
 */
export const processHolder = (): string => `${os.hostname()} (pid ${process.pid})`.slice(0, 200);

const at = (clock: Clock, plusMs = 0) => beijingTimestamp(new Date(clock.now().getTime() + plusMs));

/**
 * Takes the lease if it is free or has run out, in one statement: an insert that, on a taken
 * name, overwrites the row only where it has expired. Two workstations racing both run it; the
 * database lets exactly one of them change the row (PostgreSQL and SQLite alike).
 */
export async function takeLease(knex: Knex, clock: Clock, name: string, holder: string, ttlMs: number, heldFor: string | null = null): Promise<TakeResult> {
  const now = at(clock);
  const lease: Lease = { name, holder, heldFor, acquiredAt: now, expiresAt: at(clock, ttlMs) };
  const rows: unknown[] = await knex('leases')
    .insert({ name, holder, held_for: heldFor, acquired_at: lease.acquiredAt, expires_at: lease.expiresAt })
    .onConflict('name')
    .merge(['holder', 'held_for', 'acquired_at', 'expires_at'])
    .where('leases.expires_at', '<', now)
    .returning('name');
  if (rows.length === 1) return { taken: true, lease };
  const heldBy = await readLease(knex, name);
  // A holder on this PC whose process is gone (killed, crashed) cannot renew: take over now
  // rather than make the rerun wait out the lease. Only the row that dead holder wrote changes.
  if (heldBy && deadHereAndNow(heldBy.holder)) {
    const n = await knex('leases')
      .where({ name, holder: heldBy.holder })
      .update({ holder, held_for: heldFor, acquired_at: lease.acquiredAt, expires_at: lease.expiresAt });
    if (Number(n) === 1) return { taken: true, lease };
  }
  return { taken: false, heldBy };
}

/** True when `holder` names a process of this host that no longer runs. */
export function deadHereAndNow(holder: string): boolean {
  const m = /^(.*) \(pid (\d+)\)$/.exec(holder);
  if (!m || m[1] !== os.hostname() || Number(m[2]) === process.pid) return false;
  try {
    process.kill(Number(m[2]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Pushes the expiry on; false when the lease is no longer this holder's (it ran out and was taken). */
export async function renewLease(knex: Knex, clock: Clock, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const n = await knex('leases')
    .where({ name, holder })
    .update({ expires_at: at(clock, ttlMs) });
  return Number(n) === 1;
}

export async function releaseLease(knex: Knex, name: string, holder: string): Promise<void> {
  await knex('leases').where({ name, holder }).delete();
}

export async function readLease(knex: Knex, name: string): Promise<Lease | null> {
  const r = await knex('leases').where({ name }).first();
  return r ? { name, holder: r.holder, heldFor: r.held_for ?? null, acquiredAt: r.acquired_at, expiresAt: r.expires_at } : null;
}

/**
 * Holds a taken lease: renews it every `renewMs` until stopped, and calls `onLost` once if a
 * renewal finds it gone (this process stalled past the expiry and another holder took over).
 */
export function keepLease(
  knex: Knex,
  clock: Clock,
  name: string,
  holder: string,
  opts: { ttlMs: number; renewMs: number; onLost: () => void; log: (msg: string) => void },
): { stop(): Promise<void> } {
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewLease(knex, clock, name, holder, opts.ttlMs).then(
      (held) => {
        if (held) return;
        clearInterval(timer);
        opts.onLost();
      },
      // A renewal that fails (the database briefly unreachable) is tried again at the next tick.
      (err) => opts.log(`lease ${name}: renewal failed: ${(err as Error).message}`),
    );
  }, opts.renewMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await renewing;
      await releaseLease(knex, name, holder);
    },
  };
}
