import { describe, expect, it } from 'vitest';
import { followUpCompleteness, survivalRecordsAt, vitalStatusAt, type PatientFollowUp } from '../../src/main/reports/survival';

const CUT_OFF = '2026-12-31';
const patient = (over: Partial<PatientFollowUp>): PatientFollowUp => ({
  group: '肺癌',
  anchorDate: '2021-03-01',
  lastAliveDate: null,
  deathDate: null,
  ...over,
});

describe('vital status on the cut-off date', () => {
  it.each([
    ['died before the cut-off', { deathDate: '2024-05-06' }, 'dead'],
    ['died on the cut-off', { deathDate: CUT_OFF }, 'dead'],
    ['died after the cut-off, so alive on it', { deathDate: '2027-01-10' }, 'alive'],
    ['seen alive on the cut-off', { lastAliveDate: CUT_OFF }, 'alive'],
    ['seen alive after the cut-off', { lastAliveDate: '2027-02-01' }, 'alive'],
    ['last seen alive the day before', { lastAliveDate: '2026-12-30' }, 'unknown'],
    ['never reached', {}, 'unknown'],
    ['anchored after the cut-off', { anchorDate: '2027-01-01' }, 'not-yet-anchored'],
  ] as const)('%s', (_, over, status) => {
    expect(vitalStatusAt(patient(over), CUT_OFF)).toBe(status);
  });

  it('refuses impossible dates, naming the patient', () => {
    expect(() => vitalStatusAt(patient({ deathDate: '2020-01-01' }), CUT_OFF, 7)).toThrow(/patient 7: deathDate/);
    expect(() => vitalStatusAt(patient({ lastAliveDate: '2021-02-28' }), CUT_OFF)).toThrow(/lastAliveDate .* before anchorDate/);
    expect(() => vitalStatusAt(patient({ anchorDate: '2021-3-1' }), CUT_OFF)).toThrow(/YYYY-MM-DD/);
    expect(() => vitalStatusAt(patient({ anchorDate: '2021-02-30' }), CUT_OFF)).toThrow(/anchorDate must be a date/);
    expect(() => vitalStatusAt(patient({}), '31/12/2026')).toThrow(/cut-off date/);
  });
});

describe('survival records at the cut-off', () => {
  it('dates a death as an event and censors everyone else at last contact or the cut-off', () => {
    const records = survivalRecordsAt(
      [
        patient({ deathDate: '2021-03-31' }),
        patient({ deathDate: '2027-06-01', lastAliveDate: '2026-06-01' }),
        patient({ lastAliveDate: '2022-03-01' }),
        patient({ lastAliveDate: '2027-03-01', group: '胃癌' }),
        patient({}),
        patient({ anchorDate: '2027-01-05' }),
      ],
      CUT_OFF,
    );
    expect(records).toEqual([
      { group: '肺癌', time: 30, event: true },
      { group: '肺癌', time: 2131, event: false }, // 2021-03-01 → 2026-12-31
      { group: '肺癌', time: 365, event: false },
      { group: '胃癌', time: 2131, event: false },
      { group: '肺癌', time: 0, event: false },
    ]);
  });
});

describe('follow-up completeness', () => {
  it('is the share of anchored patients whose status on the cut-off date is known, overall and per group', () => {
    const patients = [
      patient({ deathDate: '2023-01-01' }),
      patient({ lastAliveDate: '2027-01-02' }),
      patient({ lastAliveDate: '2026-01-01' }),
      patient({ group: '胃癌', deathDate: '2027-03-03' }),
      patient({ group: '胃癌', lastAliveDate: CUT_OFF }),
      patient({ group: '胃癌', anchorDate: '2027-02-01' }),
    ];
    expect(followUpCompleteness(patients, CUT_OFF)).toEqual([
      { group: null, patients: 5, knownDead: 1, knownAlive: 3, unknown: 1, share: 0.8 },
      { group: '肺癌', patients: 3, knownDead: 1, knownAlive: 1, unknown: 1, share: 2 / 3 },
      { group: '胃癌', patients: 2, knownDead: 0, knownAlive: 2, unknown: 0, share: 1 },
    ]);
  });

  it('has no share without patients', () => {
    expect(followUpCompleteness([], CUT_OFF)).toEqual([{ group: null, patients: 0, knownDead: 0, knownAlive: 0, unknown: 0, share: null }]);
  });
});
