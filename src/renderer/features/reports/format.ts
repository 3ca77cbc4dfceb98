import dayjs from 'dayjs';
import type { Bilingual, MetricUnit } from '../../../shared/contract/reports';
import { currentLanguage } from '../../i18n';

// Number formatting shared by the cards, the tables and the charts: percent with one decimal,
// counts with thousands separators, minutes and per-day figures with one decimal.

const counts = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (n: number): string => counts.format(n);

export function formatValue(value: number | null | undefined, unit: MetricUnit | 'decimal' | 'int'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'percent') return `${decimals.format(value * 100)}%`;
  if (unit === 'count' || unit === 'int') return counts.format(value);
  return decimals.format(value);
}

/** The text of a bilingual field in the language on screen. */
export const pick = (text: Bilingual | null | undefined): string => (text ? (currentLanguage() === 'en' ? text.en : text.zh) : '');

/** First and last day of a 'YYYY-MM' month (calendar arithmetic only, no clock). */
export function monthRange(month: string): { from: string; to: string } {
  const first = dayjs(`${month}-01`);
  return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD') };
}

export const shiftMonth = (month: string, by: number): string => dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM');
