import { describe, expect, it } from 'vitest';
import { date } from '../../src/shared/contract/common';
import { methods } from '../../src/shared/contract';

describe('dates in the contract', () => {
  it('takes calendar dates only', () => {
    for (const ok of ['2026-12-04', '2028-02-29', '2026-12-31']) expect(date.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-1-01']) expect(date.safeParse(bad).success, bad).toBe(false);
  });

  it('refuses a booked return visit on a day that does not exist', () => {
    const base = { taskId: 1, disposition: 'completed', answers: {}, appointment: { date: '2026-02-30' } };
    const parsed = methods['followup.complete'].input.safeParse(base);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('appointment');
  });
});
