export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock time in Beijing (UTC+8, no DST since 1991) as 'YYYY-MM-DD HH:mm:ss'. */
export function beijingTimestamp(d: Date): string {
  const b = new Date(d.getTime() + 8 * 3600_000);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

export const beijingDate = (d: Date): string => beijingTimestamp(d).slice(0, 10);

/** Whole years between a birth date and a reference date, both YYYY-MM-DD. */
export function ageOn(birthDate: string | null, onDate: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}
