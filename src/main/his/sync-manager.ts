import type { SyncRun } from '../../shared/model';
import { ApiError } from '../api/errors';
import type { AppConfig } from '../config';
import { keepLease, processHolder, takeLease, type Lease } from '../store/lease';
import type { Store } from '../store/store';
import type { Clock } from '../util/clock';
import type { EventBus } from '../util/events';
import { loadProfile, type HisProfile } from './profile';
import { hisUnreachable, openHisSource } from './sources';
import type { HisSource } from './sources/types';
import { recordFailedRun, runSync } from './sync-runner';

/** A run that ended before it read anything: the HIS could not be opened, or the profile not loaded. */
export interface StartFailure {
  runId: number;
  message: string;
}

/** The lease that makes it one sync at a time across every workstation of a shared store. */
export const SYNC_LEASE = 'his-sync';
const LEASE_MS = 60_000;
const RENEW_MS = 20_000;

/** `sync.start` while another workstation (or process) holds the sync lease. */
export class SyncHeldElsewhere extends ApiError {
  constructor(readonly heldBy: Lease | null) {
    super(
      'conflict',
      heldBy
        ? `另一台工作站正在同步：${heldBy.holder}${heldBy.heldFor ? `，由 ${heldBy.heldFor} 发起` : ''} (a sync is already running on ${heldBy.holder}${heldBy.heldFor ? `, started by ${heldBy.heldFor}` : ''}; its lease runs until ${heldBy.expiresAt})`
        : '另一台工作站的同步刚刚结束，请重试 (a sync on another workstation has just ended; try again)',
    );
  }
}

/**
 * One sync at a time across the workstations of a store (a lease row, store/lease.ts); progress
 * goes out as events, cancel via AbortSignal.
 */
export class SyncManager {
  private starting = false;
  private current: { runId: number | null; abort: AbortController; done: Promise<SyncRun> } | null = null;
  /** Runs after each successful sync, before `done` resolves (enrolment and task generation). */
  afterSuccess: ((run: SyncRun) => Promise<void>) | null = null;

  constructor(
    private store: Store,
    private config: AppConfig,
    private clock: Clock,
    private events: EventBus,
    private log: (msg: string) => void,
    private holder: string = processHolder(),
  ) {}

  get running(): boolean {
    return this.current !== null || this.starting;
  }

  /**
   * Starts a run and resolves with its id once it exists; the run goes on in the background.
   * A HIS that cannot be reached (or a profile that does not load) is not thrown: it is a run
   * recorded as failed, with words that name the database, returned as `failedToStart` too.
   */
  async start(triggeredBy: string, opts: { full?: boolean } = {}): Promise<{ runId: number; done: Promise<SyncRun>; failedToStart: StartFailure | null }> {
    if (this.running) throw new Error('a sync is already running');
    this.starting = true;
    const taken = await takeLease(this.store.knex, this.clock, SYNC_LEASE, this.holder, LEASE_MS, triggeredBy).finally(() => (this.starting = false));
    if (!taken.taken) throw new SyncHeldElsewhere(taken.heldBy);
    const abort = new AbortController();
    // A run that outlived its lease (this process stalled, another workstation took over) stops.
    const lease = keepLease(this.store.knex, this.clock, SYNC_LEASE, this.holder, {
      ttlMs: LEASE_MS,
      renewMs: RENEW_MS,
      log: this.log,
      onLost: () => {
        this.log('sync lease lost to another workstation: cancelling this run');
        abort.abort();
      },
    });
    let resolveId!: (id: number) => void;
    const idKnown = new Promise<number>((r) => (resolveId = r));
    let failedToStart: StartFailure | null = null;
    const done = (async (): Promise<SyncRun> => {
      let profile: HisProfile | null = null;
      let source: HisSource;
      try {
        profile = loadProfile(this.config.his.profileDir);
        source = await openHisSource(this.config.his.connection);
      } catch (err) {
        const message = profile
          ? hisUnreachable(this.config.his.connection, err)
          : `HIS 配置文件无法读取 (the HIS profile ${this.config.his.profile} cannot be loaded: ${(err as Error).message})`;
        const run = await recordFailedRun(this.store, this.clock, {
          profile: profile?.name ?? this.config.his.profile,
          sourceSystem: profile?.sourceSystem ?? this.config.his.profile,
          triggeredBy,
          error: message,
        });
        failedToStart = { runId: run.id, message };
        this.events.emit('sync.progress', { runId: run.id, entity: '', read: 0, rejected: 0, done: true, status: 'failed' });
        return run;
      }
      try {
        const run = await runSync(this.store, source, profile, this.clock, {
          triggeredBy,
          signal: abort.signal,
          full: opts.full,
          onProgress: (p) => {
            resolveId(p.runId);
            if (this.current) this.current.runId = p.runId;
            this.events.emit('sync.progress', p);
          },
        });
        if (run.status === 'ok' && this.afterSuccess)
          await this.afterSuccess(run).catch((err) => this.log(`after sync ${run.id}: ${(err as Error).stack ?? err}`));
        return run;
      } finally {
        await source.close();
      }
    })().finally(async () => {
      await lease.stop().catch((err) => this.log(`sync lease not released: ${(err as Error).message}`));
      this.current = null;
    });
    this.current = { runId: null, abort, done };
    done.then(
      (run) => {
        resolveId(run.id);
        this.log(`sync run ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ''}`);
      },
      (err) => this.log(`sync failed: ${(err as Error).message}`),
    );
    const runId = await Promise.race([idKnown, done.then((r) => r.id)]);
    return { runId, done, failedToStart };
  }

  cancel(runId: number): boolean {
    if (!this.current || (this.current.runId !== null && this.current.runId !== runId)) return false;
    this.current.abort.abort();
    return true;
  }

  async cancelAll(): Promise<void> {
    if (!this.current) return;
    this.current.abort.abort();
    await this.current.done.catch(() => undefined);
  }
}
