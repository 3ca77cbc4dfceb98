import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

// SQLite has one writer at a time, and better-sqlite3 waits for the write lock synchronously:
// with a busy_timeout, a connection that finds the lock taken sleeps inside SQLite and the whole
// event loop sleeps with it, including the very writer it waits for when that writer is another
// connection of this process (the sync's, or task generation's). So writers of one store file in
// this process take turns here, waiting as promises, and every connection runs with busy_timeout
// 0: a lock held by another *process* (a CLI sync beside the server) comes back as SQLITE_BUSY
// at once and is retried after a timer (`whileBusy`), never by sleeping on the thread.
//
// A turn is held for a whole transaction (BEGIN IMMEDIATE … COMMIT). A holder must never wait
// for the store's knex connection meanwhile: the store has one connection, and a knex write
// queued behind the turn holds it. The sync and task generation read what they need first.
//
// Turns are first come, first served. The sync, a background writer, asks for its turns with
// `backgroundTurn`: after each commit it waits until the writers that queued meanwhile (nurses)
// have been served and have gone quiet for a moment, so a nurse's request of several writes
// (claim, then its reads, then another write) is not cut in two by a sync commit.

const GATE_TIMEOUT_MS = 30_000;
/** A lock held by another process: how long a statement keeps retrying before it fails. */
export const BUSY_RETRY_MS = 10_000;

export function busyError(message: string): Error {
  return Object.assign(new Error(message), { code: 'SQLITE_BUSY' });
}

export const isBusy = (err: unknown): boolean =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WriteGate {
  private held = false;
  private queue: (() => void)[] = [];
  /** Foreground writers holding or waiting for a turn, and when the last of them let go. */
  private foreground = 0;
  private foregroundQuietSince = 0;

  /** Waits for this process's turn to write; the returned function ends it (idempotent). */
  acquire(opts: { timeoutMs?: number; background?: boolean } = {}): Promise<() => void> {
    const background = opts.background ?? false;
    if (!background) this.foreground++;
    const release = this.releaser(background);
    if (!this.held) {
      this.held = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((g) => g !== grant);
        if (!background) this.foregroundDone();
        reject(busyError(`database is locked: no turn to write within ${Math.round((opts.timeoutMs ?? GATE_TIMEOUT_MS) / 1000)} s`));
      }, opts.timeoutMs ?? GATE_TIMEOUT_MS);
      this.queue.push(grant);
    });
  }

  /**
   * A background writer's turn: once no foreground writer holds or waits for one and the last
   * has been gone `quietMs`, or after `maxDeferMs` at most (a busy ward does not stop the sync).
   */
  async backgroundTurn(opts: { quietMs?: number; maxDeferMs?: number; gapMs?: number } = {}): Promise<() => void> {
    const quietMs = opts.quietMs ?? 5;
    const until = performance.now() + (opts.maxDeferMs ?? 250);
    // Back to the event loop first, always, for a few ms: requests that came in meanwhile get
    // read and their writes ask for turns before this one is taken; and a writer of another
    // process (the server, beside a CLI sync) polling for the lock finds it free.
    await sleep(opts.gapMs ?? 5);
    for (;;) {
      const now = performance.now();
      const quietFor = now - this.foregroundQuietSince;
      if (now >= until || (this.foreground === 0 && quietFor >= quietMs)) break;
      await sleep(this.foreground === 0 ? Math.max(1, Math.ceil(quietMs - quietFor)) : 1);
    }
    return this.acquire({ background: true });
  }

  /** Writers waiting for a turn (not counting the one that holds it). */
  get waiting(): number {
    return this.queue.length;
  }

  private foregroundDone() {
    this.foreground--;
    if (this.foreground === 0) this.foregroundQuietSince = performance.now();
  }

  private releaser(background: boolean): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (!background) this.foregroundDone();
      const next = this.queue.shift();
      if (next) next();
      else this.held = false;
    };
  }
}

const gates = new Map<string, WriteGate>();

/** The turns of one database file, shared by every connection this process opens on it. */
export function gateFor(filename: string): WriteGate {
  // An in-memory database belongs to its one connection: nothing to share.
  if (filename === ':memory:' || filename === '') return new WriteGate();
  const key = path.resolve(filename);
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new WriteGate()));
  return gate;
}

/**
 * Runs `fn` again while another process holds the lock (SQLITE_BUSY), after a growing timer,
 * for up to `deadlineMs`. Only for work that holds nothing when it fails: a statement outside a
 * transaction, BEGIN IMMEDIATE, or a function that opens and closes its own transaction.
 */
export async function whileBusy<T>(fn: () => T | Promise<T>, deadlineMs = BUSY_RETRY_MS): Promise<T> {
  const until = performance.now() + deadlineMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 8)) {
    try {
      return await fn();
    } catch (err) {
      if (!isBusy(err) || performance.now() + pause > until) throw err;
    }
    await sleep(pause);
  }
}

/**
 * Opens a write transaction on a connection of this process's own (not the store's knex
 * connection) in its turn; call the returned function after COMMIT or ROLLBACK.
 */
export async function beginImmediate(db: BetterSqlite3.Database, opts: { background?: boolean } = {}): Promise<() => void> {
  const gate = gateFor(db.name);
  const release = opts.background ? await gate.backgroundTurn() : await gate.acquire();
  try {
    await whileBusy(() => db.exec('BEGIN IMMEDIATE'));
    return release;
  } catch (err) {
    release();
    throw err;
  }
}

/** Runs synchronous work that opens and commits its own transactions (index builds) in one turn. */
export async function inTurn<T>(db: BetterSqlite3.Database, fn: () => T, opts: { background?: boolean } = {}): Promise<T> {
  const gate = gateFor(db.name);
  const release = opts.background ? await gate.backgroundTurn() : await gate.acquire();
  try {
    return await whileBusy(fn);
  } finally {
    release();
  }
}
