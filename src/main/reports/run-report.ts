import type { Knex } from 'knex';
import type { ReportColumn, ReportSpec, ReportTable } from '../../shared/contract/reports';
import { ApiError } from '../api/errors';
import { beijingDate, type Clock } from '../util/clock';
import { dimensionTitle, groupLabels, groupLabelsEn } from './group-labels';
import { bandDistribution, itemDistribution, questionnaireDef, type Distribution } from './item-distribution';
import type { Grouping, QueryContext } from './metrics/context';
import { computeMetrics, metricsOf } from './metrics/compute';
import { publicDefinition, type Metric } from './metrics/definitions';
import { dialectOf } from './metrics/sql';
import { narrowScope, type DeptScope } from './scope';
import { columnType } from './table-columns';

type Row = ReportTable['rows'][number];
const TOTAL = '\u0000total';

function measureColumns(metrics: Metric[]): ReportColumn[] {
  return metrics.flatMap((m): ReportColumn[] => [
    { key: m.code, title: m.name, type: columnType(m.unit), metric: m.code },
    ...(m.den
      ? [
          {
            key: `${m.code}.num`,
            title: { zh: `${m.name.zh}·分子`, en: `${m.name.en} numerator` },
            type: m.unit === 'minutes' ? ('decimal' as const) : ('int' as const),
            metric: m.code,
          },
          { key: `${m.code}.den`, title: { zh: `${m.name.zh}·分母`, en: `${m.name.en} denominator` }, type: 'int' as const, metric: m.code },
        ]
      : []),
  ]);
}

function distributionColumns(d: Distribution): ReportColumn[] {
  return [
    { key: 'answered', title: { zh: '作答数', en: 'Answered' }, type: 'int' },
    ...d.options.flatMap((o): ReportColumn[] => [
      { key: `n:${o.value}`, title: { zh: o.label, en: o.label }, type: 'int' },
      { key: `share:${o.value}`, title: { zh: `${o.label} 占比`, en: `${o.label} share` }, type: 'percent' },
    ]),
  ];
}

function distributionCells(d: Distribution, grp: string): Row {
  const c = d.counts.get(grp);
  const row: Row = { answered: c?.answered ?? 0 };
  for (const o of d.options) {
    const n = c?.byValue.get(o.value) ?? 0;
    row[`n:${o.value}`] = n;
    row[`share:${o.value}`] = c?.answered ? Math.round((n / c.answered) * 1e6) / 1e6 : null;
  }
  return row;
}

/** One row per answer option (questionnaireItem) or band (scoreBand), over every group at once. */
function optionRows(d: Distribution): Row[] {
  const all = d.counts.get('all');
  return d.options.map((o) => {
    const n = all?.byValue.get(o.value) ?? 0;
    return { group: o.label, count: n, share: all?.answered ? Math.round((n / all.answered) * 1e6) / 1e6 : null };
  });
}

async function distributionOf(ctx: QueryContext, spec: ReportSpec, g: Grouping): Promise<Distribution | null> {
  if (!spec.item) return null;
  if (!(await questionnaireDef(ctx.knex, spec.item.questionnaireId)))
    throw new ApiError('invalid_input', `未知问卷 (unknown questionnaire: ${spec.item.questionnaireId})`);
  return spec.rows === 'scoreBand'
    ? bandDistribution(ctx, g, spec.item.questionnaireId, spec.item.itemId)
    : itemDistribution(ctx, g, spec.item.questionnaireId, spec.item.itemId);
}

/**
 * The report builder: rows by a dimension, a column per measure (value, numerator, denominator),
 * and, with `item`, the answer distribution of a questionnaire item per row. rows = questionnaireItem
 * or scoreBand lists the item's answer options or the score's bands instead, for the filter as a whole.
 */
export async function runReport(knex: Knex, spec: ReportSpec, scope: DeptScope, clock: Clock): Promise<ReportTable> {
  const f = spec.filters;
  const ctx: QueryContext = {
    knex,
    d: dialectOf(knex),
    today: beijingDate(clock.now()),
    from: f.from,
    to: f.to,
    scope: narrowScope(scope, f.deptIds),
    planIds: f.planIds,
    encounterKinds: f.encounterKinds,
    nurseIds: f.nurseIds,
  };
  const metrics = metricsOf(spec.measures);
  const definitions = metrics.map(publicDefinition);
  if (spec.rows === 'questionnaireItem' || spec.rows === 'scoreBand') {
    if (!spec.item) throw new ApiError('invalid_input', '按问卷条目或评分分级统计时须指定问卷条目 (rows by questionnaire item or score band need an item)');
    const d = (await distributionOf(ctx, spec, 'total'))!;
    return {
      columns: [
        { key: 'group', title: dimensionTitle[spec.rows], type: 'text' },
        { key: 'count', title: { zh: '人次', en: 'Count' }, type: 'int' },
        { key: 'share', title: { zh: '占比', en: 'Share' }, type: 'percent' },
      ],
      rows: optionRows(d),
      definitions,
    };
  }
  const g = spec.rows;
  const values = await computeMetrics(ctx, metrics, g);
  const totals = metrics.length ? (await computeMetrics(ctx, metrics, 'total')).get('all') : undefined;
  const dist = await distributionOf(ctx, spec, g);
  const distTotal = dist ? await distributionOf(ctx, spec, 'total') : null;
  const keys = [...new Set([...values.keys(), ...(dist?.counts.keys() ?? [])])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const labels = await groupLabels(knex, g, keys);
  const labelsEn = await groupLabelsEn(knex, g, keys, labels);
  const cells = (
    grp: string,
    v: Map<string, { value: number | null; numerator: number; denominator: number | null }> | undefined,
    d: Distribution | null,
    dGrp: string,
  ): Row => {
    const row: Row = {};
    for (const m of metrics) {
      const x = v?.get(m.code);
      row[m.code] = x?.value ?? (m.den ? null : 0);
      if (m.den) {
        row[`${m.code}.num`] = x?.numerator ?? 0;
        row[`${m.code}.den`] = x?.denominator ?? 0;
      }
    }
    return d ? { ...row, ...distributionCells(d, dGrp) } : row;
  };
  // groupCode: the screen's own words for the labels that are not names (exports keep the Chinese).
  const codeOf = (k: string) => (k === '' ? 'unspecified' : g === 'encounterKind' ? `kind.${k}` : null);
  const rows: Row[] = keys.map((k) => ({
    group: labels.get(k) ?? k,
    groupCode: codeOf(k),
    groupEn: labelsEn.get(k) ?? null,
    ...cells(k, values.get(k), dist, k),
  }));
  rows.push({ group: '合计', groupCode: 'totalRow', ...cells(TOTAL, totals, distTotal, 'all') });
  return {
    columns: [{ key: 'group', title: dimensionTitle[g], type: 'text' }, ...measureColumns(metrics), ...(dist ? distributionColumns(dist) : [])],
    rows,
    definitions,
    totalRow: true,
  };
}
