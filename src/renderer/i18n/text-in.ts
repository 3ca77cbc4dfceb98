import { useTranslation } from 'react-i18next';
import { textIn, type Lang } from '../../shared/bilingual';
import type { PointNames } from '../../shared/followup-results';

/** The screen's language as the shared helpers name it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** Picks the screen's language from a Chinese text and its optional English twin (plan names, labels, scripts). */
export function useTextIn(): (zh: string, en: string | null | undefined) => string {
  const lang = useLang();
  return (zh, en) => textIn(zh, en, lang);
}

/** A task's plan, track and point as the screen's language names them. */
export function usePointText(): (n: PointNames) => { plan: string; track: string; point: string | null } {
  const pick = useTextIn();
  return (n) => ({
    plan: pick(n.planName, n.planNameEn),
    track: pick(n.trackName, n.trackNameEn),
    point: n.pointLabel === null ? null : pick(n.pointLabel, n.pointLabelEn),
  });
}
