import type { Knex } from 'knex';

// The few expressions SQLite and PostgreSQL spell differently. Store dates are text
// ('YYYY-MM-DD' / 'YYYY-MM-DD HH:mm:ss', Beijing wall time), so every helper takes and gives text.

export type Dialect = 'sqlite' | 'pg';

export const dialectOf = (knex: Knex): Dialect => (/^(pg|postgres)/.test(String(knex.client.config.client)) ? 'pg' : 'sqlite');

/** Minutes from one timestamp column to another. */
export const minutesBetween = (d: Dialect, from: string, to: string): string =>
  d === 'pg' ? `(extract(epoch from (${to}::timestamp - ${from}::timestamp)) / 60.0)` : `((julianday(${to}) - julianday(${from})) * 1440.0)`;

/** A date column plus n days, as 'YYYY-MM-DD'. */
export const plusDays = (d: Dialect, col: string, n: number): string =>
  d === 'pg' ? `to_char(${col}::date + ${Math.trunc(n)}, 'YYYY-MM-DD')` : `date(${col}, '+${Math.trunc(n)} days')`;

/** A timestamp column plus n days, as 'YYYY-MM-DD HH:mm:ss'. */
export const plusDaysTs = (d: Dialect, col: string, n: number): string =>
  d === 'pg' ? `to_char(${col}::timestamp + interval '${Math.trunc(n)} days', 'YYYY-MM-DD HH24:MI:SS')` : `datetime(${col}, '+${Math.trunc(n)} days')`;

/** The Monday of a date's week, as 'YYYY-MM-DD' (ISO weeks start on Monday). */
export const weekOf = (d: Dialect, col: string): string =>
  d === 'pg' ? `to_char(date_trunc('week', ${col}::date), 'YYYY-MM-DD')` : `date(${col}, '-6 days', 'weekday 1')`;

/** One top-level answer of a responses.answers JSON document, as text. `key` must be a plain identifier. */
export function answerText(d: Dialect, col: string, key: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error('answer key must be an identifier');
  return d === 'pg' ? `(${col}::jsonb ->> '${key}')` : `cast(json_extract(${col}, '$.${key}') as text)`;
}
