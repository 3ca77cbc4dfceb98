import type { CurveRow, MedianSurvival, SurvivalCurve } from './types';

// R's quantile.survfit tolerance: a product of ratios that should be exactly 0.5 may miss by an ulp.
const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * The median and its 95% interval as R's survfit reports them (Brookmeyer–Crowley style): the
 * first time each of the curve, its lower limit and its upper limit falls to 0.5 or below. The
 * interval therefore uses the curve's own transform. Where a curve is flat at exactly 0.5 the
 * answer is the middle of the flat, as for an ordinary median.
 */
export function medianSurvival(curve: SurvivalCurve): MedianSurvival {
  return {
    median: firstTimeAtHalf(curve.rows, (r) => r.survival),
    lower: firstTimeAtHalf(curve.rows, (r) => r.lower),
    upper: firstTimeAtHalf(curve.rows, (r) => r.upper),
  };
}

function firstTimeAtHalf(rows: readonly CurveRow[], value: (row: CurveRow) => number | null): number | null {
  for (let i = 0; i < rows.length; i++) {
    const v = value(rows[i]);
    if (v === null || v > 0.5 + TOLERANCE) continue;
    if (v < 0.5 - TOLERANCE) return rows[i].time;
    for (let j = i + 1; j < rows.length; j++) {
      const next = value(rows[j]);
      if (next !== null && next < 0.5 - TOLERANCE) return (rows[i].time + rows[j].time) / 2;
    }
    return (rows[i].time + rows[rows.length - 1].time) / 2;
  }
  return null;
}
