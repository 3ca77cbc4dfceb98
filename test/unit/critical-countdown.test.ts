import { describe, expect, it } from 'vitest';
import { countdownOf } from '../../src/renderer/features/critical-value/countdown';
import { beijingInstant } from '../../src/shared/beijing-time';

// The queue's critical-value countdown (剩余 3 小时 12 分 / 已超时 1 小时): where a deadline stands.

const at = (ts: string) => beijingInstant(ts).getTime();
const deadline = { notifyBy: '2026-12-01 16:00:00', escalatedAt: null, toldAt: null, late: false };

describe('countdownOf', () => {
  it('counts hours and minutes down, urgent under two hours', () => {
    expect(countdownOf(deadline, at('2026-12-01 12:47:30'))).toEqual({ state: 'counting', hours: 3, minutes: 12 });
    expect(countdownOf(deadline, at('2026-12-01 14:00:01'))).toEqual({ state: 'urgent', hours: 1, minutes: 59 });
    expect(countdownOf(deadline, at('2026-12-01 15:59:30'))).toEqual({ state: 'urgent', hours: 0, minutes: 0 });
  });

  it('counts past the deadline, and says whether it was escalated or told', () => {
    expect(countdownOf(deadline, at('2026-12-01 17:05:00'))).toEqual({ state: 'overdue', hours: 1, minutes: 5 });
    expect(countdownOf({ ...deadline, escalatedAt: '2026-12-01 16:01:00' }, at('2026-12-01 17:00:00')).state).toBe('escalated');
    expect(countdownOf({ ...deadline, toldAt: '2026-12-01 17:10:00', late: true }, at('2026-12-01 18:00:00')).state).toBe('told');
  });
});
