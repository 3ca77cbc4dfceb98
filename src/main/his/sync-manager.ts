import type { SyncRun } from '../../shared/model';
import type { AppConfig } from '../config';
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

/** One sync at a time per workstation; progress goes out as events, cancel via AbortSignal. */
export class SyncManager {
  private current: { runId: number | null; abort: AbortController; done: Promise<SyncRun> } | null = null;
  /** Runs after each successful sync, before `done` resolves (enrolment and task generation). */
  afterSuccess: ((run: SyncRun) => Promise<void>) | null = null;

  constructor(
    private store: Store,
    private config: AppConfig,
    private clock: Clock,
    private events: EventBus,
    private log: (msg: string) => void,
  ) {}

  get running(): boolean {
    return this.current !== null;
  }

  /**
   * Starts a run and resolves with its id once it exists; the run goes on in the background.
   * A HIS that cannot be reached (or a profile that does not load) is not thrown: it is a run
   * recorded as failed, with words that name the database, returned as `failedToStart` too.
   */
  async start(triggeredBy: string, opts: { full?: boolean } = {}): Promise<{ runId: number; done: Promise<SyncRun>; failedToStart: StartFailure | null }> {
    if (this.current) throw new Error('a sync is already running');
    const abort = new AbortController();
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
    })().finally(() => {
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
