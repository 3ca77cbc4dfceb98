import type { ColumnType, ReportColumn } from '../../shared/contract/reports';

// How each ReportColumn.type is written: the cell value and Excel number format, and the CSV text.

export const NUM_FMT: Record<ColumnType, string | undefined> = {
  text: undefined,
  int: '0',
  decimal: '0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A Beijing wall-clock string as the Date whose UTC fields are those (Excel dates have no zone). */
function wallClock(s: string): Date | null {
  const m = DATE.exec(s);
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
}

export type XlsxValue = string | number | Date | null;

export function xlsxValue(type: ColumnType, v: string | number | null | undefined): XlsxValue {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'int':
    case 'decimal':
    case 'percent': {
      // PostgreSQL returns counts and numerics as strings.
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : String(v);
    }
    case 'date':
    case 'datetime':
      return typeof v === 'string' ? (wallClock(v) ?? v) : v;
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

/** Text a spreadsheet would run as a formula; the quote makes it text (OWASP's CSV injection advice). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(col: ReportColumn, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (col.type === 'percent') {
    const n = Number(v);
    return Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : String(v);
  }
  if (col.type === 'int' || col.type === 'decimal') return String(v);
  return col.type === 'text' ? notFormula(String(v)) : String(v);
}

/** Text shown as text: a header or cell that a spreadsheet would otherwise evaluate. */
export const notFormula = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** Column width in characters: a CJK character takes two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

const MIN_WIDTH: Record<ColumnType, number> = { text: 8, int: 8, decimal: 10, percent: 9, date: 12, datetime: 20 };

/** From the header and a first batch of rows: streaming cannot look further ahead. */
export function columnWidth(col: ReportColumn, sample: readonly Record<string, unknown>[]): number {
  let w = Math.max(MIN_WIDTH[col.type], textWidth(col.title.zh));
  if (col.type === 'text') for (const r of sample) if (r[col.key] != null) w = Math.max(w, textWidth(String(r[col.key])));
  return Math.min(w + 2, 60);
}
