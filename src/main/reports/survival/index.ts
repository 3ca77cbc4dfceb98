import { numberAtRisk, survivalAt } from './at-times';
import { DEFAULT_TRANSFORM } from './confidence';
import { kaplanMeierCurve } from './kaplan-meier';
import { type LogRankResult, logRankTest } from './log-rank';
import { medianSurvival } from './median';
import { tabulateByGroup } from './tabulate';
import type { ConfidenceTransform, MedianSurvival, SurvivalAtTime, SurvivalCurve, SurvivalRecord } from './types';

export * from './types';
export { confidenceBand, DEFAULT_TRANSFORM, Z_95 } from './confidence';
export { kaplanMeier, kaplanMeierCurve } from './kaplan-meier';
export { medianSurvival } from './median';
export { numberAtRisk, survivalAt } from './at-times';
export { logRankTest, type LogRankGroup, type LogRankResult } from './log-rank';
export { chiSquareSurvival, logGamma, regularizedGammaQ } from './chi-square';
export { tabulateByGroup } from './tabulate';
export { followUpCompleteness, survivalRecordsAt, vitalStatusAt, type FollowUpCompleteness, type PatientFollowUp, type VitalStatusAtCutOff } from './follow-up';

/** 1, 3 and 5 years in whole days (⌊365.25 × years⌋). */
export const ONE_THREE_FIVE_YEARS = [365, 1095, 1826] as const;
/** Yearly marks for the number-at-risk table, 0 to 5 years. */
export const YEARLY_TO_FIVE_YEARS = [0, 365, 730, 1095, 1461, 1826] as const;

export interface SurvivalReportOptions {
  transform?: ConfidenceTransform;
  /** Times (days) at which to report S(t) with its limits; default 1, 3 and 5 years. */
  timePoints?: readonly number[];
  /** Times (days) for the number-at-risk table under the chart; default yearly to 5 years. */
  riskTableTimes?: readonly number[];
}

export interface GroupSurvival {
  curve: SurvivalCurve;
  median: MedianSurvival;
  atTimePoints: SurvivalAtTime[];
  riskTable: { time: number; nRisk: number }[];
}

export interface SurvivalReport {
  transform: ConfidenceTransform;
  groups: GroupSurvival[];
  /** Null with fewer than two groups that had deaths expected. */
  logRank: LogRankResult | null;
}

/** Kaplan–Meier per group with median, fixed-time survival, risk table and the log-rank test, from one sort. */
export function analyseSurvival(records: readonly SurvivalRecord[], options: SurvivalReportOptions = {}): SurvivalReport {
  const transform = options.transform ?? DEFAULT_TRANSFORM;
  const timePoints = options.timePoints ?? ONE_THREE_FIVE_YEARS;
  const riskTableTimes = options.riskTableTimes ?? YEARLY_TO_FIVE_YEARS;
  const tables = tabulateByGroup(records);
  const groups = tables.map((table) => {
    const curve = kaplanMeierCurve(table, transform);
    const risk = numberAtRisk(curve, riskTableTimes);
    return {
      curve,
      median: medianSurvival(curve),
      atTimePoints: survivalAt(curve, timePoints),
      riskTable: riskTableTimes.map((time, i) => ({ time, nRisk: risk[i] })),
    };
  });
  return { transform, groups, logRank: logRankTest(tables) };
}
