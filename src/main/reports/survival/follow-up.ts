import { dayNumber, fromDayNumber } from '../../../shared/plans/schedule';
import type { SurvivalRecord } from './types';

/** A patient's registry follow-up fields (最后接触时间, 生存状态 and date of death); dates YYYY-MM-DD. */
export interface PatientFollowUp {
  group: string;
  /** Time zero: diagnosis, surgery or discharge, as the report defines it. */
  anchorDate: string;
  /** The last contact at which the patient was known to be alive; null if never reached. */
  lastAliveDate: string | null;
  /** Set when the patient is known to have died. */
  deathDate: string | null;
}

export type VitalStatusAtCutOff = 'dead' | 'alive' | 'unknown' | 'not-yet-anchored';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(date: string, what: string, index: number): number {
  const n = DATE.test(date) ? dayNumber(date) : NaN;
  if (!Number.isInteger(n) || fromDayNumber(n) !== date) throw new RangeError(`patient ${index}: ${what} must be a date YYYY-MM-DD, got '${date}'`);
  return n;
}

/**
 * What is known of a patient's vital status on the cut-off date:
 * - 'dead': died on or before the cut-off;
 * - 'alive': seen alive on or after the cut-off, or died after it (so was alive on it);
 * - 'unknown': neither, i.e. last seen alive before the cut-off with no death recorded;
 * - 'not-yet-anchored': the anchor date is after the cut-off, so the patient is not in the cohort.
 */
export function vitalStatusAt(patient: PatientFollowUp, cutOffDate: string, index = 0): VitalStatusAtCutOff {
  const cutOff = day(cutOffDate, 'cut-off date', index);
  const anchor = day(patient.anchorDate, 'anchorDate', index);
  const death = patient.deathDate === null ? null : day(patient.deathDate, 'deathDate', index);
  const lastAlive = patient.lastAliveDate === null ? null : day(patient.lastAliveDate, 'lastAliveDate', index);
  if (death !== null && death < anchor) throw new RangeError(`patient ${index}: deathDate ${patient.deathDate} is before anchorDate ${patient.anchorDate}`);
  if (lastAlive !== null && lastAlive < anchor)
    throw new RangeError(`patient ${index}: lastAliveDate ${patient.lastAliveDate} is before anchorDate ${patient.anchorDate}`);
  if (anchor > cutOff) return 'not-yet-anchored';
  if (death !== null) return death <= cutOff ? 'dead' : 'alive';
  return lastAlive !== null && lastAlive >= cutOff ? 'alive' : 'unknown';
}

/**
 * Survival records at the cut-off: a death on or before it is an event at its day; everyone
 * else is censored at their last contact alive, or at the cut-off if seen alive after it or
 * died after it. Patients anchored after the cut-off are left out; one never reached alive
 * after the anchor is censored at day 0.
 */
export function survivalRecordsAt(patients: readonly PatientFollowUp[], cutOffDate: string): SurvivalRecord[] {
  const cutOff = day(cutOffDate, 'cut-off date', 0);
  const records: SurvivalRecord[] = [];
  patients.forEach((p, i) => {
    const status = vitalStatusAt(p, cutOffDate, i);
    if (status === 'not-yet-anchored') return;
    const anchor = day(p.anchorDate, 'anchorDate', i);
    if (status === 'dead') {
      records.push({ time: day(p.deathDate!, 'deathDate', i) - anchor, event: true, group: p.group });
      return;
    }
    const lastAlive = p.lastAliveDate === null ? anchor : day(p.lastAliveDate, 'lastAliveDate', i);
    const censoredAt = status === 'alive' ? cutOff : lastAlive;
    records.push({ time: censoredAt - anchor, event: false, group: p.group });
  });
  return records;
}

export interface FollowUpCompleteness {
  group: string | null;
  /** Patients anchored on or before the cut-off: the denominator. */
  patients: number;
  knownDead: number;
  knownAlive: number;
  unknown: number;
  /** (knownDead + knownAlive) ÷ patients; null when there are no patients. */
  share: number | null;
}

/**
 * Follow-up completeness at the cut-off date: the share of patients anchored on or before it
 * whose vital status on that date is known (see vitalStatusAt). SEER asks for ≥ 95%, UICC and
 * accredited US programmes for ≥ 90%. The first entry is all groups together (group null),
 * then one per group in order of first appearance.
 */
export function followUpCompleteness(patients: readonly PatientFollowUp[], cutOffDate: string): FollowUpCompleteness[] {
  const tally = new Map<string | null, FollowUpCompleteness>();
  const entry = (group: string | null) => {
    let e = tally.get(group);
    if (!e) tally.set(group, (e = { group, patients: 0, knownDead: 0, knownAlive: 0, unknown: 0, share: null }));
    return e;
  };
  entry(null);
  patients.forEach((p, i) => {
    const status = vitalStatusAt(p, cutOffDate, i);
    if (status === 'not-yet-anchored') return;
    for (const e of [entry(null), entry(p.group)]) {
      e.patients++;
      if (status === 'dead') e.knownDead++;
      else if (status === 'alive') e.knownAlive++;
      else e.unknown++;
    }
  });
  return [...tally.values()].map((e) => ({ ...e, share: e.patients > 0 ? (e.knownDead + e.knownAlive) / e.patients : null }));
}
