import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../shared/model';
import { isCurrentStay } from '../../../shared/stay-status';

type EventState = Pick<TimelineEvent, 'kind' | 'status'>;

/** A stay the patient is in now (admitted, in hospital, discharge notified): it has no discharge yet. */
export const isCurrent = (e: EventState): boolean => e.kind === 'inpatient' && isCurrentStay(e.status);

/** The state tag an event shows (在院 / 已取消 …), or null for a plain discharge, visit or checkup. */
export function stateTag(t: TFunction, e: EventState): string | null {
  if (e.status === 'cancelled') return t('timeline.cancelled');
  if (isCurrent(e)) return t(`timeline.stayState.${e.status}`);
  return null;
}

/** The stay's dates: admission to discharge with its length, or since when a current stay runs. */
export function stayDates(t: TFunction, e: Pick<TimelineEvent, 'kind' | 'status' | 'admitDate' | 'date'>): string {
  const from = e.admitDate ? e.admitDate.slice(0, 10) : '';
  const to = e.date.slice(0, 10);
  if (!from) return to;
  if (isCurrent(e)) return t('timeline.stayFrom', { from });
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return t('timeline.stayRange', { from, to, days });
}
