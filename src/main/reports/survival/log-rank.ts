import { chiSquareSurvival } from './chi-square';
import { quadraticFormGeneralizedInverse } from './quadratic-form';
import type { GroupRiskTable } from './types';

export interface LogRankGroup {
  group: string;
  patients: number;
  observed: number;
  expected: number;
}

export interface LogRankResult {
  chiSquare: number;
  /** Rank of the variance matrix: groups − 1 unless a group was never at risk at a death. */
  df: number;
  pValue: number;
  groups: LogRankGroup[];
}

/**
 * The log-rank (Mantel–Haenszel) test that all groups share one survival curve, as R's survdiff
 * (rho = 0) and Stata's sts test compute it: observed against expected deaths at each distinct
 * death time, with the hypergeometric variance. Null when fewer than two groups have expected
 * deaths, so there is nothing to compare.
 */
export function logRankTest(tables: readonly GroupRiskTable[]): LogRankResult | null {
  const k = tables.length;
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const variance = Array.from({ length: k }, () => new Float64Array(k));
  const next = new Int32Array(k);
  const atRisk = new Float64Array(k);
  const deaths = new Float64Array(k);
  for (;;) {
    let time = Infinity;
    for (let g = 0; g < k; g++) {
      const row = tables[g].rows[next[g]];
      if (row && row.time < time) time = row.time;
    }
    if (time === Infinity) break;
    let n = 0;
    let d = 0;
    for (let g = 0; g < k; g++) {
      // The pointer rests on the group's first row at or after `time`, whose nRisk counts time ≥ that row ≥ `time`.
      const row = tables[g].rows[next[g]];
      atRisk[g] = row ? row.nRisk : 0;
      deaths[g] = row && row.time === time ? row.nEvent : 0;
      if (row && row.time === time) next[g]++;
      n += atRisk[g];
      d += deaths[g];
    }
    if (d === 0) continue;
    const spread = n > 1 ? (d * (n - d)) / (n - 1) : 0;
    for (let g = 0; g < k; g++) {
      observed[g] += deaths[g];
      expected[g] += (atRisk[g] * d) / n;
      const share = atRisk[g] / n;
      for (let h = 0; h < k; h++) variance[g][h] += spread * share * ((g === h ? 1 : 0) - atRisk[h] / n);
    }
  }

  const groups = tables.map((t, g) => ({ group: t.group, patients: t.rows[0]?.nRisk ?? 0, observed: observed[g], expected: expected[g] }));
  // One group is dropped because the O − E sum to zero; groups never at risk at a death add nothing.
  const compared = groups.flatMap((gr, g) => (gr.expected > 0 ? [g] : [])).slice(1);
  if (compared.length === 0) return null;
  const { value, rank } = quadraticFormGeneralizedInverse(
    compared.map((g) => compared.map((h) => variance[g][h])),
    compared.map((g) => observed[g] - expected[g]),
  );
  if (rank === 0) return null;
  return { chiSquare: value, df: rank, pValue: chiSquareSurvival(value, rank), groups };
}
