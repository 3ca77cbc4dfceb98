import type { Knex } from 'knex';
import type { Dashboard, MetricValue, ReportTable } from '../../shared/contract/reports';
import { beijingDate, systemClock, type Clock } from '../util/clock';
import { familiesOf, runFamilies, valueOf } from './metrics/compute';
import { METRICS, publicDefinition, type Metric } from './metrics/definitions';
import { dialectOf } from './metrics/sql';
import { byMonth, currentMark, readCachedMonths, reserveMonths, writeCachedMonths } from './month-cache';
import { monthsEnding, lastDayOf } from './months';
import { narrowScope, scopeDeptIds, type DeptScope } from './scope';
import { unitName } from './table-columns';

const TREND_MONTHS = 12;

/** The missing months in runs of consecutive months, each computed by one set of queries. */
function contiguousRuns(months: string[], missing: string[]): string[][] {
  const runs: string[][] = [];
  for (const m of missing) {
    const last = runs[runs.length - 1];
    if (last && months.indexOf(m) === months.indexOf(last[last.length - 1]) + 1) last.push(m);
    else runs.push([m]);
  }
  return runs;
}

/**
 * Every metric for a month, the month before and twelve months ending with it: one query per
 * metric family, grouped by month, over the months not in the closed-month cache (month-cache.ts)
 * — on a working day, the current month and whichever earlier ones were written to since.
 */
export async function buildDashboard(knex: Knex, input: { month: string; deptIds?: number[] }, scope: DeptScope, clock: Clock): Promise<Dashboard> {
  const narrowed = narrowScope(scope, input.deptIds);
  const months = monthsEnding(input.month, TREND_MONTHS);
  const today = beijingDate(clock.now());
  const d = dialectOf(knex);
  const closed = months.filter((m) => m < today.slice(0, 7));
  const aggregates = await readCachedMonths(knex, d, narrowed, closed, today);
  const missing = months.filter((m) => !aggregates.has(m));
  for (const run of contiguousRuns(months, missing)) {
    await reserveMonths(
      knex,
      narrowed,
      run.filter((m) => closed.includes(m)),
      today,
    );
    const mark = await currentMark(knex, d);
    const ctx = { knex, d, today, from: `${run[0]}-01`, to: lastDayOf(run[run.length - 1]), scope: narrowed };
    const computed = byMonth(run, await runFamilies(ctx, familiesOf(METRICS), 'month'));
    for (const [m, aggs] of computed) aggregates.set(m, aggs);
    await writeCachedMonths(ctx, new Map([...computed].filter(([m]) => closed.includes(m))), mark);
  }
  const valueAt = (month: string, m: Metric): MetricValue => valueOf(m, aggregates.get(month)?.[m.family]);
  const metrics = METRICS.map((m) => ({
    code: m.code,
    ...valueAt(input.month, m),
    previous: valueAt(months[TREND_MONTHS - 2], m),
    trend: months.map((month) => ({ month, ...valueAt(month, m) })),
  }));
  return { month: input.month, deptIds: scopeDeptIds(narrowed), metrics };
}

/** The dashboard as a table (one row per metric: this month, last month, change), for exports. */
export async function dashboardTable(
  knex: Knex,
  input: { month: string; deptIds?: number[] },
  scope: DeptScope,
  clock: Clock = systemClock,
): Promise<ReportTable> {
  const dash = await buildDashboard(knex, input, scope, clock);
  const rows = dash.metrics.map((dm) => {
    const m = METRICS.find((x) => x.code === dm.code)!;
    const change = dm.value === null || dm.previous.value === null ? null : Math.round((dm.value - dm.previous.value) * 1e6) / 1e6;
    return {
      metric: m.name.zh,
      metricEn: m.name.en,
      unit: unitName[m.unit].zh,
      current: dm.value,
      numerator: dm.numerator,
      denominator: dm.denominator,
      previous: dm.previous.value,
      change,
    };
  });
  return {
    columns: [
      { key: 'metric', title: { zh: '指标', en: 'Metric' }, type: 'text' },
      { key: 'metricEn', title: { zh: '指标（英文）', en: 'Metric (English)' }, type: 'text' },
      { key: 'unit', title: { zh: '单位', en: 'Unit' }, type: 'text' },
      { key: 'current', title: { zh: `本月 ${input.month}`, en: `This month ${input.month}` }, type: 'decimal' },
      { key: 'numerator', title: { zh: '分子', en: 'Numerator' }, type: 'decimal' },
      { key: 'denominator', title: { zh: '分母', en: 'Denominator' }, type: 'int' },
      { key: 'previous', title: { zh: '上月', en: 'Last month' }, type: 'decimal' },
      { key: 'change', title: { zh: '变化', en: 'Change' }, type: 'decimal' },
    ],
    rows,
    definitions: METRICS.map(publicDefinition),
  };
}
