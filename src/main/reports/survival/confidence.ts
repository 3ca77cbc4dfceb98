import type { ConfidenceTransform } from './types';

/** The 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

/**
 * log(-log S), as Stata's `sts list` and Kalbfleisch & Prentice use: its limits stay inside
 * (0, 1) without clipping and cover better in small groups than plain or log limits (Borgan &
 * Liestøl, Scand J Stat 1990). R survfit's default, 'log', clips its upper limit at 1, which
 * in a registry table reads as certainty near the top of the curve.
 */
export const DEFAULT_TRANSFORM: ConfidenceTransform = 'log-log';

export interface Band {
  lower: number | null;
  upper: number | null;
}

/**
 * The pointwise 95% interval for S from the Greenwood sum Σ d/(n(n−d)), which is the variance
 * of log S. At S = 0 the variance is undefined (R prints NA, Stata '.'), so both limits are null.
 */
export function confidenceBand(survival: number, greenwoodSum: number, transform: ConfidenceTransform): Band {
  if (survival === 0) return { lower: null, upper: null };
  if (greenwoodSum === 0) return { lower: survival, upper: survival };
  const sdLog = Math.sqrt(greenwoodSum);
  switch (transform) {
    case 'plain': {
      const se = survival * sdLog;
      return { lower: Math.max(0, survival - Z_95 * se), upper: Math.min(1, survival + Z_95 * se) };
    }
    case 'log':
      return { lower: survival * Math.exp(-Z_95 * sdLog), upper: Math.min(1, survival * Math.exp(Z_95 * sdLog)) };
    case 'log-log': {
      const spread = Math.exp((Z_95 * sdLog) / Math.abs(Math.log(survival)));
      return { lower: survival ** spread, upper: survival ** (1 / spread) };
    }
  }
}
