import type { CurveRow, SurvivalAtTime, SurvivalCurve } from './types';

/** Index of the last row with time ≤ t, or −1. */
function lastRowAtOrBefore(rows: readonly CurveRow[], t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Patients still under observation at t (time ≥ t): the table printed under a KM chart. */
export function numberAtRisk(curve: SurvivalCurve, times: readonly number[]): number[] {
  return times.map((t) => {
    const i = lastRowAtOrBefore(curve.rows, t);
    const row = curve.rows[i];
    if (row && row.time === t) return row.nRisk;
    return curve.rows[i + 1]?.nRisk ?? 0;
  });
}

/**
 * S(t) with its standard error and limits at each time, e.g. 365, 1095 and 1826 days. Past the
 * longest follow-up the curve is unknown, so survival is null unless every patient had already
 * died.
 */
export function survivalAt(curve: SurvivalCurve, times: readonly number[]): SurvivalAtTime[] {
  const risk = numberAtRisk(curve, times);
  const last = curve.rows[curve.rows.length - 1];
  return times.map((time, k) => {
    const row = curve.rows[lastRowAtOrBefore(curve.rows, time)];
    if (!row) return { time, nRisk: risk[k], survival: 1, stdErr: 0, lower: 1, upper: 1 };
    if (time > last.time && last.survival > 0) return { time, nRisk: 0, survival: null, stdErr: null, lower: null, upper: null };
    return { time, nRisk: risk[k], survival: row.survival, stdErr: row.stdErr, lower: row.lower, upper: row.upper };
  });
}
