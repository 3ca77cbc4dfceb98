import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addSpan, anchorDateFor, dayNumber, expandTrack, fromDayNumber, pointDates, spanOf } from '../../src/shared/plans/schedule';
import { trackSchema } from '../../src/shared/plans/schema';

const track = (t: unknown) => trackSchema.parse(t);

describe('calendar arithmetic on wall-clock dates', () => {
  it('clamps month ends and counts every month from the anchor', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-01-31', 2)).toBe('2027-03-31'); // not Mar 28: never chained
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('handles leap days', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addSpan('2028-02-29', spanOf({ years: 1 }))).toBe('2029-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(fromDayNumber(dayNumber('2028-02-29'))).toBe('2028-02-29');
  });

  it('adds months before days (1 month 1 day from Jan 31 is Mar 1 / Feb 29 + 1)', () => {
    expect(addSpan('2027-01-31', { months: 1, days: 1 })).toBe('2027-03-01');
    expect(addSpan('2026-12-25', spanOf({ weeks: 2 }))).toBe('2027-01-08');
  });

  it('computes windows across month and year ends', () => {
    expect(pointDates('2026-12-27', { at: { months: 0, days: 7 }, windowBefore: 3, windowAfter: 7 })).toEqual({
      due: '2027-01-03',
      windowStart: '2026-12-31',
      windowEnd: '2027-01-10',
    });
    expect(pointDates('2028-01-31', { at: { months: 1, days: 0 }, windowBefore: 0, windowAfter: 0 })).toEqual({
      due: '2028-02-29',
      windowStart: '2028-02-29',
      windowEnd: '2028-02-29',
    });
  });

  it('gives the same dates whatever the machine time zone', () => {
    const run = () => [
      addMonths('2027-01-31', 1),
      addDays('2026-03-08', 1),
      addDays('2026-10-31', 1),
      addDays('2026-11-01', 1),
      pointDates('2026-06-30', { at: { months: 3, days: 0 }, windowBefore: 7, windowAfter: 14 }),
    ];
    const before = process.env.TZ;
    const results = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London'].map((tz) => {
      process.env.TZ = tz;
      return JSON.stringify(run());
    });
    process.env.TZ = before;
    expect(new Set(results).size).toBe(1);
    expect(JSON.parse(results[0])[0]).toBe('2027-02-28');
  });
});

describe('tracks expand into dated points', () => {
  it('day 7 and day 30 after discharge', () => {
    const pts = expandTrack(track({ id: 'post', name: 'post', anchor: 'discharge', points: [{ at: { days: 30 } }, { at: { days: 7 } }] }));
    expect(pts.map((p) => [p.index, p.at.days])).toEqual([
      [0, 7],
      [1, 30],
    ]);
    expect(pts[0].channel).toBe('call');
    expect(pts[0].windowBefore).toBe(3);
  });

  it('every 3 months to year 2, every 6 months to year 5, then yearly to year 10', () => {
    const pts = expandTrack(
      track({
        id: 'surv',
        name: 'surv',
        anchor: 'discharge',
        window: { before: 14, after: 14 },
        cycles: [
          { every: { months: 3 }, until: { years: 2 } },
          { every: { months: 6 }, from: { months: 30 }, until: { years: 5 } },
          { every: { years: 1 }, from: { years: 6 }, until: { years: 10 } },
        ],
      }),
    );
    expect(pts.map((p) => p.at.months)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120]);
    expect(pts.every((p, i) => p.index === i && p.windowBefore === 14)).toBe(true);
    // From a Jan 31 discharge every due date is a month end, never drifting to the 28th.
    const dues = pts.slice(0, 4).map((p) => pointDates('2027-01-31', p).due);
    expect(dues).toEqual(['2027-04-30', '2027-07-31', '2027-10-31', '2028-01-31']);
  });

  it('drops duplicates where an explicit point meets a cycle, and lets points override the track', () => {
    const pts = expandTrack(
      track({
        id: 't',
        name: 't',
        anchor: 'discharge',
        questionnaire: { id: 'general' },
        channel: 'sms',
        points: [{ at: { months: 1 }, channel: 'call', questionnaire: { id: 'phq-9' } }],
        cycles: [{ every: { months: 1 }, until: { months: 3 } }],
      }),
    );
    expect(pts.map((p) => [p.at.months, p.channel, p.questionnaire?.id])).toEqual([
      [1, 'call', 'phq-9'],
      [2, 'sms', 'general'],
      [3, 'sms', 'general'],
    ]);
  });

  it('picks the anchor date per track', () => {
    const a = { eventDate: '2026-06-20', admitDate: '2026-06-10', treatmentStartDate: null };
    expect(anchorDateFor('discharge', a)).toBe('2026-06-20');
    expect(anchorDateFor('admission', a)).toBe('2026-06-10');
    expect(anchorDateFor('treatment_start', a)).toBe('2026-06-10');
    expect(anchorDateFor('treatment_start', { ...a, treatmentStartDate: '2026-07-01' })).toBe('2026-07-01');
  });
});
