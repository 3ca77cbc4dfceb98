import { beijingInstant } from '../../../shared/beijing-time';
import type { CriticalDeadline } from '../../../shared/critical-values';

/** Under this much time left the countdown turns urgent. */
export const URGENT_MS = 2 * 3600_000;

export type CountdownState = 'told' | 'counting' | 'urgent' | 'overdue' | 'escalated';

export interface Countdown {
  state: CountdownState;
  /** Whole hours and minutes left (or past the deadline when overdue). */
  hours: number;
  minutes: number;
}

/** Where a critical value's deadline stands at `nowMs` (the server's clock). */
export function countdownOf(d: CriticalDeadline, nowMs: number): Countdown {
  const ms = beijingInstant(d.notifyBy).getTime() - nowMs;
  const total = Math.floor(Math.abs(ms) / 60_000);
  const state: CountdownState = d.toldAt ? 'told' : ms < 0 ? (d.escalatedAt ? 'escalated' : 'overdue') : ms < URGENT_MS ? 'urgent' : 'counting';
  return { state, hours: Math.floor(total / 60), minutes: total % 60 };
}
