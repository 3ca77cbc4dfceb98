import { beijingDate, beijingTimestamp } from '../../shared/beijing-time';

export { beijingDate, beijingTimestamp };

export interface Clock {
  now(): Date;
}

/**
 * Shifts the product's clock by a fixed number of milliseconds, so that a whole test run, with
 * every process it starts, can live on another date (scripts/test-on-date.sh computes it once
 * and every child inherits the same offset). Unset in production.
 */
export const CLOCK_OFFSET_ENV = 'FOLLOWUP_CLOCK_OFFSET_MS';

export function clockOffsetMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[CLOCK_OFFSET_ENV];
  if (raw === undefined || raw === '') return 0;
  const ms = Number(raw);
  if (!Number.isInteger(ms)) throw new Error(`${CLOCK_OFFSET_ENV} must be a whole number of milliseconds, got '${raw}'`);
  return ms;
}

export function offsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** The wall clock, shifted when FOLLOWUP_CLOCK_OFFSET_MS is set. */
export const systemClock: Clock = offsetClock(clockOffsetMs());

/** Whole years between a birth date and a reference date, both YYYY-MM-DD. */
export function ageOn(birthDate: string | null, onDate: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}
