import { Empty, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ColumnType, ReportTable } from '../../../shared/contract/reports';
import { formatValue, pick } from './format';
import { MetricDefinitionText } from './MetricDefinitionText';
import { useTextIn } from '../../i18n/text-in';

type Row = Record<string, string | number | null>;

function cell(value: string | number | null, type: ColumnType): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (type === 'percent') return formatValue(value, 'percent');
  if (type === 'int') return formatValue(value, 'int');
  if (type === 'decimal') return formatValue(value, 'decimal');
  return String(value);
}

const numeric = (type: ColumnType) => type === 'int' || type === 'decimal' || type === 'percent';

/** A report's rows as a dense table; a measure's header shows its definition on hover. */
export function ReportResult({ table, loading }: { table: ReportTable | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const pickText = useTextIn();
  if (!table && !loading) return <Empty description={t('reports.builder.empty')} />;
  const label = (row: Row, key: string) =>
    key !== 'group'
      ? null
      : typeof row.groupCode === 'string'
        ? t(`reports.${row.groupCode}`)
        : typeof row.groupEn === 'string'
          ? pickText(String(row.group), row.groupEn)
          : null;
  const defs = new Map((table?.definitions ?? []).map((d) => [d.code, d]));
  const columns: ColumnsType<Row> = (table?.columns ?? []).map((c) => {
    const def = c.metric ? defs.get(c.metric) : undefined;
    return {
      key: c.key,
      dataIndex: c.key,
      title: def ? (
        <Tooltip title={<MetricDefinitionText def={def} />}>
          <span className="metric-name">{pick(c.title)}</span>
        </Tooltip>
      ) : (
        pick(c.title)
      ),
      align: numeric(c.type) ? 'right' : 'left',
      className: numeric(c.type) ? 'num-cell' : undefined,
      render: (v: string | number | null, row: Row) => label(row, c.key) ?? cell(v, c.type),
      sorter: numeric(c.type) ? (a: Row, b: Row) => Number(a[c.key] ?? -Infinity) - Number(b[c.key] ?? -Infinity) : undefined,
    };
  });
  const all: Row[] = (table?.rows ?? []).map((r, i) => ({ ...r, __key: i }));
  const total = table?.totalRow ? all.at(-1) : undefined;
  return (
    <Table<Row>
      size="small"
      bordered
      rowKey="__key"
      columns={columns}
      dataSource={total ? all.slice(0, -1) : all}
      summary={() =>
        total && (
          <Table.Summary fixed>
            <Table.Summary.Row className="report-total" data-testid="report-total">
              {(table?.columns ?? []).map((c, i) => (
                <Table.Summary.Cell key={c.key} index={i} align={numeric(c.type) ? 'right' : 'left'}>
                  {label(total, c.key) ?? cell(total[c.key], c.type)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
      loading={loading}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      data-testid="report-table"
    />
  );
}
