import type { ExportMeta } from './table-types';

// The words around the data: filter names, the period and the key/value lines of the summary
// and definitions sheets, in Chinese (the sheets are read by Chinese departments).

const FILTER_NAMES: Record<string, string> = {
  from: '开始日期',
  to: '结束日期',
  month: '月份',
  deptIds: '科室',
  depts: '科室',
  planIds: '随访计划',
  planId: '随访计划',
  encounterKinds: '就诊类型',
  kind: '类型',
  nurseIds: '护士',
  rows: '行维度',
  measures: '指标',
  item: '问卷题目',
  questionnaireId: '问卷',
  deidentify: '去标识化',
  scope: '范围',
  due: '到期',
  colour: '预警颜色',
  channel: '渠道',
  deptId: '科室',
  diagnosis: '诊断',
  query: '检索词',
  eventDate: '出院/就诊日期',
  admitted: '入院日期',
  callback: '回拨',
};

const ENCOUNTER_KINDS: Record<string, string> = { inpatient: '住院', outpatient: '门诊', checkup: '体检' };

function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map(display).join('、') : '全部';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('from' in o || 'to' in o) return `${display(o.from)} 至 ${display(o.to)}`;
    return Object.entries(o)
      .map(([k, v]) => `${FILTER_NAMES[k] ?? k}: ${display(v)}`)
      .join('；');
  }
  const s = String(value);
  return ENCOUNTER_KINDS[s] ?? s;
}

/** One [name, value] line per filter that was set. */
export function filterLines(filters: Record<string, unknown>): [string, string][] {
  return Object.entries(filters)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [FILTER_NAMES[k] ?? k, display(v)]);
}

export function periodOf(meta: ExportMeta): string {
  if (meta.period) return meta.period;
  const f = meta.filters;
  if (typeof f.month === 'string') return f.month;
  if (f.from || f.to) return `${display(f.from)} 至 ${display(f.to)}`;
  if (f.eventDate && typeof f.eventDate === 'object') return display(f.eventDate);
  return '全部';
}

/** The summary sheet's lines (rows expected when known: the detail sheet holds the rows). */
export function summaryLines(meta: ExportMeta, total: number | null | undefined): [string, string | number][] {
  return [
    ['报表', meta.title],
    ['统计期间', periodOf(meta)],
    ...filterLines(meta.filters).map(([k, v]): [string, string] => [`筛选：${k}`, v]),
    ...(total == null ? [] : [['行数', total] as [string, number]]),
    ['生成时间（北京时间）', meta.generatedAt],
    ['生成人', meta.generatedBy],
  ];
}

/** Below the definitions: what the file covers, with the rows actually written. */
export function footerLines(meta: ExportMeta, rows: number): [string, string | number][] {
  return [
    [
      '筛选条件',
      filterLines(meta.filters)
        .map(([k, v]) => `${k}: ${v}`)
        .join('；') || '无',
    ],
    ['统计期间', periodOf(meta)],
    ['行数', rows],
    ['生成时间（北京时间）', meta.generatedAt],
    ['生成人', meta.generatedBy],
  ];
}
