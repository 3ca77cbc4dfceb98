// Long work (exports today; HIS sync and task generation are the next to move here) runs as a
// job: it reports progress, stops at the next batch once cancelled, and ends in one outcome
// that the caller records in its history row (exports, sync_runs) before `done` resolves.

export type JobOutcome<R> = { status: 'done'; result: R } | { status: 'cancelled' } | { status: 'failed'; error: Error };

export interface JobContext {
  /** Checked by the work between batches; aborted by cancel() and on shutdown. */
  signal: AbortSignal;
  /** Work done so far; forwarded to onProgress at most every PROGRESS_EVERY_MS. */
  progress(done: number, total: number | null): void;
}

export interface JobSpec<R> {
  /** Unique among running jobs, e.g. 'export:12'. */
  key: string;
  run(ctx: JobContext): Promise<R>;
  onProgress?(done: number, total: number | null): void;
  /** Records the outcome (the history row, audit); a failure here is logged, not thrown. */
  settle(outcome: JobOutcome<R>): Promise<void>;
}

export const PROGRESS_EVERY_MS = 250;

export class JobAbortedError extends Error {
  constructor() {
    super('job cancelled');
    this.name = 'AbortError';
  }
}

/** Throws between batches once the job is cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new JobAbortedError();
}

export class JobRunner {
  private running = new Map<string, { abort: AbortController; done: Promise<unknown>; settling: boolean }>();

  constructor(private log: (msg: string) => void = () => {}) {}

  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  start<R>(spec: JobSpec<R>): { done: Promise<JobOutcome<R>> } {
    if (this.running.has(spec.key)) throw new Error(`job ${spec.key} is already running`);
    const abort = new AbortController();
    let last = 0;
    const ctx: JobContext = {
      signal: abort.signal,
      progress: (done, total) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        spec.onProgress?.(done, total);
      },
    };
    const done = (async (): Promise<JobOutcome<R>> => {
      let outcome: JobOutcome<R>;
      try {
        outcome = { status: 'done', result: await spec.run(ctx) };
      } catch (err) {
        outcome = abort.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error: err instanceof Error ? err : new Error(String(err)) };
      }
      // From here the outcome stands: a cancel now is too late and says so.
      const entry = this.running.get(spec.key);
      if (entry) entry.settling = true;
      await spec.settle(outcome).catch((err) => this.log(`job ${spec.key}: recording its outcome failed: ${(err as Error).message}`));
      return outcome;
    })().finally(() => this.running.delete(spec.key));
    this.running.set(spec.key, { abort, done, settling: false });
    return { done };
  }

  cancel(key: string): boolean {
    const job = this.running.get(key);
    if (!job || job.settling) return false;
    job.abort.abort();
    return true;
  }

  /** On shutdown: every job stops at its next batch and records itself cancelled. */
  async cancelAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const j of jobs) j.abort.abort();
    await Promise.allSettled(jobs.map((j) => j.done));
  }
}
