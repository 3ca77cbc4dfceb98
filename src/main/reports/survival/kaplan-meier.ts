import { confidenceBand, DEFAULT_TRANSFORM } from './confidence';
import { tabulateByGroup } from './tabulate';
import type { ConfidenceTransform, CurveRow, GroupRiskTable, SurvivalCurve, SurvivalRecord } from './types';

/** Kaplan–Meier estimate with Greenwood standard errors and pointwise 95% limits. */
export function kaplanMeierCurve(table: GroupRiskTable, transform: ConfidenceTransform = DEFAULT_TRANSFORM): SurvivalCurve {
  let survival = 1;
  let greenwoodSum = 0;
  let events = 0;
  const rows: CurveRow[] = table.rows.map((row) => {
    if (row.nEvent > 0) {
      survival *= (row.nRisk - row.nEvent) / row.nRisk;
      greenwoodSum += row.nEvent / (row.nRisk * (row.nRisk - row.nEvent));
      events += row.nEvent;
    }
    const { lower, upper } = confidenceBand(survival, greenwoodSum, transform);
    const stdErr = survival > 0 ? survival * Math.sqrt(greenwoodSum) : null;
    return { time: row.time, nRisk: row.nRisk, nEvent: row.nEvent, nCensor: row.nCensor, survival, stdErr, lower, upper };
  });
  return { group: table.group, transform, patients: table.rows[0]?.nRisk ?? 0, events, rows };
}

/** One curve per group, in order of the group's first appearance in `records`. */
export function kaplanMeier(records: readonly SurvivalRecord[], transform: ConfidenceTransform = DEFAULT_TRANSFORM): SurvivalCurve[] {
  return tabulateByGroup(records).map((table) => kaplanMeierCurve(table, transform));
}
