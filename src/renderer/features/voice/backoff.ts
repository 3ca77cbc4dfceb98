// Re-registration after the PBX or the network drops: quick first tries (a PBX restart takes a
// few seconds), then doubling up to 30 s, with ±20 % jitter so a ward of workstations does not
// reconnect in lockstep.

export const BACKOFF_STEPS_MS = [500, 1000, 2000, 4000, 8000, 16000, 30000] as const;

/** Delay before reconnect attempt `attempt` (1-based). `random` in [0, 1). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_STEPS_MS[Math.min(Math.max(attempt, 1), BACKOFF_STEPS_MS.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface RetryReport {
  dispatch(action: { type: 'reg/retry-scheduled'; at: number; attempt: number; delayMs: number }): void;
  now(): number;
}

/**
 * Reconnect attempts on the backoff schedule, reported to the reducer; both voice providers
 * (SIP, Twilio) retry through one of these. At most one attempt waits at a time.
 */
export class RetrySchedule {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly report: RetryReport,
    private readonly retry: () => void,
  ) {}

  get waiting(): boolean {
    return this.timer !== null;
  }

  schedule(): void {
    if (this.timer) return;
    this.attempt += 1;
    const delayMs = backoffDelay(this.attempt);
    this.report.dispatch({ type: 'reg/retry-scheduled', at: this.report.now(), attempt: this.attempt, delayMs });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retry();
    }, delayMs);
  }

  /** The waiting attempt, if any, is dropped. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Registered again: the next loss starts from the quickest step. */
  reset(): void {
    this.attempt = 0;
  }
}
