import type { ColumnType, MetricUnit } from '../../shared/contract/reports';

export const columnType = (unit: MetricUnit): ColumnType => (unit === 'count' ? 'int' : unit === 'percent' ? 'percent' : 'decimal');

export const unitName: Record<MetricUnit, { zh: string; en: string }> = {
  count: { zh: '计数', en: 'count' },
  percent: { zh: '百分比', en: 'percent' },
  minutes: { zh: '分钟', en: 'minutes' },
  perDay: { zh: '每日', en: 'per day' },
};
