import type { SurvivalGroupResult, SurvivalResult } from '../../../shared/contract/reports';
import type { FollowUpCompleteness, SurvivalReport } from '../survival';

const completenessOf = (c: FollowUpCompleteness | undefined) =>
  c ? { known: c.knownDead + c.knownAlive, total: c.patients, share: c.share } : { known: 0, total: 0, share: null };

/** The library's report in the contract's shape; groups keep the report's order. */
export function toSurvivalResult(
  report: SurvivalReport,
  completeness: readonly FollowUpCompleteness[],
  labels: ReadonlyMap<string, string>,
  excluded: SurvivalResult['excluded'],
): SurvivalResult {
  const byGroup = new Map(completeness.map((c) => [c.group, c]));
  const groups = report.groups.map(({ curve, median, atTimePoints, riskTable }): SurvivalGroupResult => ({
    group: labels.get(curve.group) ?? curve.group,
    key: curve.group,
    patients: curve.patients,
    deaths: curve.events,
    steps: curve.rows.map((r) => ({
      time: r.time,
      nRisk: r.nRisk,
      nEvent: r.nEvent,
      nCensor: r.nCensor,
      survival: r.survival,
      stdErr: r.stdErr,
      lower: r.lower,
      upper: r.upper,
    })),
    median: { median: median.median, lower: median.lower, upper: median.upper },
    atYears: atTimePoints.map((p, i) => ({ years: [1, 3, 5][i], survival: p.survival, stdErr: p.stdErr, lower: p.lower, upper: p.upper })),
    riskTable: riskTable.map((r) => ({ time: r.time, nRisk: r.nRisk })),
    completeness: completenessOf(byGroup.get(curve.group)),
  }));
  const logRank = report.logRank && { chiSquare: report.logRank.chiSquare, df: report.logRank.df, pValue: report.logRank.pValue };
  return { transform: report.transform, groups, logRank, completeness: completenessOf(byGroup.get(null)), excluded };
}
