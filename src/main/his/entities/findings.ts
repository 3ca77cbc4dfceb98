import { parseWallClock } from '../normalise/dates';
import { childEntity } from './children';
import { mapped, str } from './types';

// Critical and abnormal counts come with the checkup row (the profile counts them), so the
// queue and finder read them without touching the findings. A critical finding's report time,
// when the profile gives one, starts its notification deadline (src/main/critical-values).
export const checkupFindings = childEntity({
  entity: 'checkup_findings',
  parentKind: 'checkup',
  parentKeyCol: 'source_checkup_id',
  table: 'checkup_findings',
  columns: ['seq_no', 'item_name', 'result_value', 'unit', 'reference_range', 'abnormal_flag', 'is_critical', 'critical_reported_at'],
  normalise(row, ctx) {
    const item = str(row, 'item_name');
    if (!item) return { reason: 'missing item name' };
    const flag = mapped(ctx, 'checkup_findings', 'abnormal_flag', row.abnormal_flag);
    if ('unmapped' in flag) return { reason: 'unmapped abnormal flag', detail: flag.unmapped };
    const critical = str(row, 'critical') === '1';
    // An unreadable time loses only itself: the deadline then counts from when the sync saw it.
    const reported = critical ? parseWallClock(row.critical_reported_at) : null;
    return {
      values: [Number(row.seq_no) || 0, item, str(row, 'result_value'), str(row, 'unit'), str(row, 'reference_range'), flag.value, critical ? 1 : 0, reported],
    };
  },
});
