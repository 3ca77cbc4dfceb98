import type { PointNames } from '../../shared/followup-results';
import type { CompiledPlan } from './definitions';

/** Tasks outside the plan's tracks. */
const KIND_TRACKS: Record<string, { zh: string; en: string }> = {
  escalation: { zh: '上报', en: 'Escalation' },
  callback: { zh: '回拨', en: 'Callback' },
};

/**
 * The names a task shows, from its plan version. The task keeps the Chinese point label it was
 * made with; the English comes from the same point of the same version.
 */
export function pointNames(plan: CompiledPlan | undefined, task: Record<string, unknown>): PointNames {
  const trackId = task.track_id as string;
  const compiled = plan?.tracks.get(trackId);
  const label = (task.point_label as string) ?? null;
  const point = compiled?.points[Number(task.point_index)];
  const kindTrack = KIND_TRACKS[task.kind as string];
  return {
    planName: plan?.name ?? '',
    planNameEn: plan?.definition.nameEn ?? null,
    trackName: kindTrack?.zh ?? compiled?.track.name ?? trackId,
    trackNameEn: kindTrack?.en ?? compiled?.track.nameEn ?? null,
    pointLabel: label,
    pointLabelEn: label !== null && point?.label === label ? point.labelEn : null,
  };
}
