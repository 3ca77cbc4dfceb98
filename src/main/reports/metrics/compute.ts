import type { MetricValue } from '../../../shared/contract/reports';
import { ApiError } from '../../api/errors';
import type { Grouping, QueryContext } from './context';
import { metricOf, type Metric } from './definitions';
import { runFamily, type Aggregates, type FamilyCode, type FamilyRows } from './families';

export function metricsOf(codes: readonly string[]): Metric[] {
  return codes.map((code) => {
    const m = metricOf(code);
    if (!m) throw new ApiError('invalid_input', `未知指标 (unknown metric: ${code})`);
    return m;
  });
}

/** Counts as they are; shares, minutes and per-day figures as numerator ÷ denominator (null when it is 0). */
export function valueOf(m: Metric, aggs: Aggregates | undefined): MetricValue {
  const numerator = aggs?.[m.num] ?? 0;
  if (m.den === null) return { value: numerator, numerator, denominator: null };
  const denominator = aggs?.[m.den] ?? 0;
  const ratio = denominator ? numerator / denominator : null;
  return { value: ratio === null ? null : Math.round(ratio * 1e6) / 1e6, numerator: Math.round(numerator * 100) / 100, denominator };
}

/** The families a set of metrics reads. */
export const familiesOf = (metrics: readonly Metric[]): FamilyCode[] => [...new Set(metrics.map((m) => m.family))];

/** Each family runs once, grouped. */
export async function runFamilies(ctx: QueryContext, codes: readonly FamilyCode[], g: Grouping): Promise<Map<FamilyCode, FamilyRows>> {
  const byFamily = new Map<FamilyCode, FamilyRows>();
  for (const f of codes) byFamily.set(f, await runFamily(ctx, f, g));
  return byFamily;
}

/** Group key → metric code → value, from the families' grouped aggregates. */
export function metricValuesByGroup(metrics: readonly Metric[], byFamily: Map<FamilyCode, FamilyRows>): Map<string, Map<string, MetricValue>> {
  const groups = new Set<string>();
  for (const rows of byFamily.values()) for (const k of rows.keys()) groups.add(k);
  const out = new Map<string, Map<string, MetricValue>>();
  for (const k of groups) out.set(k, new Map(metrics.map((m) => [m.code, valueOf(m, byFamily.get(m.family)?.get(k))])));
  return out;
}

/** Each family the metrics read runs once, grouped; the result maps group key → metric code → value. */
export async function computeMetrics(ctx: QueryContext, metrics: readonly Metric[], g: Grouping): Promise<Map<string, Map<string, MetricValue>>> {
  return metricValuesByGroup(metrics, await runFamilies(ctx, familiesOf(metrics), g));
}
