/** One patient's follow-up: days from the anchor date to death (event) or to censoring. */
export interface SurvivalRecord {
  time: number;
  event: boolean;
  group: string;
}

/** The scale on which the 95% confidence interval of S(t) is symmetric. */
export type ConfidenceTransform = 'log-log' | 'log' | 'plain';

/** The counts at one distinct time of a group: what the number-at-risk table and log-rank use. */
export interface RiskRow {
  time: number;
  /** Patients with time ≥ this time, so those censored here are still counted. */
  nRisk: number;
  nEvent: number;
  nCensor: number;
}

export interface GroupRiskTable {
  group: string;
  rows: readonly RiskRow[];
}

/** A step of the Kaplan–Meier curve, valid from `time` until the next row's time. */
export interface CurveRow extends RiskRow {
  survival: number;
  /** Greenwood standard error of `survival`; null once the curve has reached 0. */
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SurvivalCurve {
  group: string;
  transform: ConfidenceTransform;
  patients: number;
  events: number;
  rows: CurveRow[];
}

export interface MedianSurvival {
  /** Null when the curve never falls to 0.5 ("not reached"). */
  median: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SurvivalAtTime {
  time: number;
  nRisk: number;
  /** Null past the group's longest follow-up, where the curve is not estimable. */
  survival: number | null;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}
