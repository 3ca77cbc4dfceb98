import type { TFunction } from 'i18next';
import type { SurvivalGroupResult } from '../../../shared/contract/reports';

// Survival figures as registries print them: percent with one decimal, months for medians.

const DAYS_PER_MONTH = 365.25 / 12;
export const DAYS_PER_YEAR = 365.25;

export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

const months = (days: number | null): string | null => (days === null ? null : (days / DAYS_PER_MONTH).toFixed(1));

export function medianText(m: SurvivalGroupResult['median'], t: TFunction): string {
  const value = months(m.median) ?? t('survival.notReached');
  const lo = months(m.lower) ?? '—';
  const hi = months(m.upper) ?? t('survival.notReached');
  return `${value} (${lo}–${hi})`;
}

export function atYearText(a: SurvivalGroupResult['atYears'][number] | undefined): string {
  if (!a || a.survival === null) return '—';
  const se = a.stdErr === null ? '' : ` ± ${(a.stdErr * 100).toFixed(1)}%`;
  return `${pct(a.survival)}${se} (${pct(a.lower)}–${pct(a.upper)})`;
}

export const pValueText = (p: number): string => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);
