import type { SyncRun } from '../../shared/model';
import type { AppConfig } from '../config';
import type { Store } from '../store/store';
import type { Clock } from '../util/clock';
import type { EventBus } from '../util/events';
import { loadProfile } from './profile';
import { openHisSource } from './sources';
import { runSync } from './sync-runner';

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

  /** Starts a run and resolves with its id once it exists; the run goes on in the background. */
  async start(triggeredBy: string, opts: { full?: boolean } = {}): Promise<{ runId: number; done: Promise<SyncRun> }> {
    if (this.current) throw new Error('a sync is already running');
    const profile = loadProfile(this.config.his.profileDir);
    const source = await openHisSource(this.config.his.connection);
    const abort = new AbortController();
    let resolveId!: (id: number) => void;
    const idKnown = new Promise<number>((r) => (resolveId = r));
    const done = runSync(this.store, source, profile, this.clock, {
      triggeredBy,
      signal: abort.signal,
      full: opts.full,
      onProgress: (p) => {
        resolveId(p.runId);
        if (this.current) this.current.runId = p.runId;
        this.events.emit('sync.progress', p);
      },
    })
      .then(async (run) => {
        if (run.status === 'ok' && this.afterSuccess)
          await this.afterSuccess(run).catch((err) => this.log(`after sync ${run.id}: ${(err as Error).stack ?? err}`));
        return run;
      })
      .finally(async () => {
        this.current = null;
        await source.close();
      });
    this.current = { runId: null, abort, done };
    done.then(
      (run) => {
        resolveId(run.id);
        this.log(`sync run ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ''}`);
      },
      (err) => this.log(`sync failed: ${(err as Error).message}`),
    );
    return { runId: await Promise.race([idKnown, done.then((r) => r.id)]), done };
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
