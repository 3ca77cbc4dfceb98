import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SurvivalGroupResult } from '../../../shared/contract/reports';
import { atYearText, DAYS_PER_YEAR, medianText, pct } from './format';

const at = (g: SurvivalGroupResult, y: number) => g.atYears.find((a) => a.years === y);

/** The summary as rows of text, shared by the table on screen and the CSV download. */
export function summaryRows(groups: SurvivalGroupResult[], t: TFunction): string[][] {
  const head = ['group', 'n', 'deaths', 'median', 'y1', 'y3', 'y5', 'completeness'].map((k) => t(`survival.col.${k}`));
  return [
    head,
    ...groups.map((g) => [
      g.group,
      String(g.patients),
      String(g.deaths),
      medianText(g.median, t),
      atYearText(at(g, 1)),
      atYearText(at(g, 3)),
      atYearText(at(g, 5)),
      `${pct(g.completeness.share)} (${g.completeness.known}/${g.completeness.total})`,
    ]),
  ];
}

export function SummaryTable({ groups }: { groups: SurvivalGroupResult[] }) {
  const { t } = useTranslation();
  const [head, ...rows] = summaryRows(groups, t);
  const columns: ColumnsType<string[]> = head.map((title, i) => ({
    title,
    key: i,
    render: (_, r) => r[i],
    align: i > 0 && i < 3 ? 'right' : 'left',
    className: i > 0 ? 'num-cell' : undefined,
  }));
  // Keyed by the group's id: two plans may share a name.
  const keyOf = new Map(rows.map((r, i) => [r, groups[i]?.key ?? String(i)]));
  return (
    <Table<string[]>
      size="small"
      bordered
      rowKey={(r) => keyOf.get(r)!}
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="survival-summary"
    />
  );
}

/** Number at risk at 0–5 years per group, printed under the curves. */
export function RiskTable({ groups }: { groups: SurvivalGroupResult[] }) {
  const { t } = useTranslation();
  const times = groups[0]?.riskTable.map((r) => r.time) ?? [];
  type Row = { key: string; group: string; counts: number[] };
  const columns: ColumnsType<Row> = [
    { title: t('survival.riskGroup'), dataIndex: 'group', width: 180, ellipsis: true },
    ...times.map((time, i) => ({
      title: t('survival.riskAt', { n: Math.round(time / DAYS_PER_YEAR) }),
      key: String(time),
      align: 'right' as const,
      className: 'num-cell',
      render: (_: unknown, r: Row) => r.counts[i]?.toLocaleString('zh-CN') ?? '—',
    })),
  ];
  const rows = groups.map((g) => ({ key: g.key, group: g.group, counts: g.riskTable.map((r) => r.nRisk) }));
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      title={() => t('survival.riskTitle')}
      data-testid="survival-risk"
    />
  );
}
