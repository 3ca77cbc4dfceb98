import { describe, expect, it } from 'vitest';
import type { EncounterFact, PersonFacts } from '../../src/main/reports/survival-data/facts';
import { personFollowUp } from '../../src/main/reports/survival-data/person-follow-up';

// Issue 12: a stay still under way (在院, 通知出院) is no discharge, so it cannot anchor the
// survival report's "first discharge".
const stay = (over: Partial<EncounterFact>): EncounterFact => ({
  kind: 'inpatient',
  admitDate: '2026-03-01',
  eventDate: '2026-03-10',
  dischargeMode: null,
  discharged: true,
  diagCode: 'C34.1',
  diagCategory: 'C34',
  ...over,
});

const facts = (encounters: EncounterFact[]): PersonFacts => ({
  person: 1,
  enrolments: [{ planId: 1, deptId: 2, anchorDate: '2026-03-10', treatmentStartDate: null, anchorCategory: 'C34' }],
  encounters,
  lastAnsweredCall: null,
  lastFollowUpDone: null,
  deceased: false,
  deathDate: null,
});

describe('survival anchors and stay states', () => {
  const o = { anchor: 'firstDischarge', groupBy: 'plan', diagnosisCodes: null, cutOff: '2026-12-31' } as const;

  it('anchors on the first discharge, not on a stay still in hospital', () => {
    const inHospital = stay({ admitDate: '2026-02-01', eventDate: '2026-02-01', discharged: false });
    const out = personFollowUp(facts([inHospital, stay({})]), o);
    expect(out).toMatchObject({ kind: 'included', followUp: { anchorDate: '2026-03-10' } });
  });

  it('has no anchor while the only stay is under way', () => {
    expect(personFollowUp(facts([stay({ discharged: false, eventDate: '2026-03-01' })]), o)).toEqual({ kind: 'excluded', reason: 'noAnchor' });
  });
});
