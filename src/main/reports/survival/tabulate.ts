import type { GroupRiskTable, RiskRow, SurvivalRecord } from './types';

/**
 * Groups in order of first appearance, each with one row per distinct time. Death and censoring
 * times are sorted separately (numeric typed-array sorts) and merged in one pass.
 */
export function tabulateByGroup(records: readonly SurvivalRecord[]): GroupRiskTable[] {
  const groupIndex = new Map<string, number>();
  const deathCounts: number[] = [];
  const censorCounts: number[] = [];
  const groupOf = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const { time, event, group } = records[i];
    if (!(Number.isFinite(time) && time >= 0)) throw new RangeError(`survival record ${i}: time must be a finite number ≥ 0, got ${time}`);
    let g = groupIndex.get(group);
    if (g === undefined) {
      g = groupIndex.size;
      groupIndex.set(group, g);
      deathCounts.push(0);
      censorCounts.push(0);
    }
    groupOf[i] = g;
    if (event) deathCounts[g]++;
    else censorCounts[g]++;
  }
  const deaths = deathCounts.map((n) => new Float64Array(n));
  const censors = censorCounts.map((n) => new Float64Array(n));
  const deathFill = new Int32Array(deaths.length);
  const censorFill = new Int32Array(censors.length);
  for (let i = 0; i < records.length; i++) {
    const g = groupOf[i];
    if (records[i].event) deaths[g][deathFill[g]++] = records[i].time;
    else censors[g][censorFill[g]++] = records[i].time;
  }
  return [...groupIndex.keys()].map((group, g) => ({ group, rows: mergeRows(deaths[g].sort(), censors[g].sort()) }));
}

function mergeRows(deaths: Float64Array, censors: Float64Array): RiskRow[] {
  const rows: RiskRow[] = [];
  let nRisk = deaths.length + censors.length;
  let i = 0;
  let j = 0;
  while (i < deaths.length || j < censors.length) {
    const time = Math.min(i < deaths.length ? deaths[i] : Infinity, j < censors.length ? censors[j] : Infinity);
    let nEvent = 0;
    while (i < deaths.length && deaths[i] === time) {
      nEvent++;
      i++;
    }
    let nCensor = 0;
    while (j < censors.length && censors[j] === time) {
      nCensor++;
      j++;
    }
    // Deaths come before censorings at a tied time: the censored stay in this row's risk set.
    rows.push({ time, nRisk, nEvent, nCensor });
    nRisk -= nEvent + nCensor;
  }
  return rows;
}
