import type { SurvivalExclusion } from '../../../shared/contract/reports';
import type { PatientFollowUp } from '../survival';
import { DISCHARGE_MODE_DEATH, type EncounterFact, type EnrolmentFact, type PersonFacts } from './facts';

export type SurvivalAnchor = 'diagnosis' | 'firstDischarge' | 'treatmentStart';
export type SurvivalGroupBy = 'plan' | 'diagnosisGroup' | 'department';

export interface PersonOptions {
  anchor: SurvivalAnchor;
  groupBy: SurvivalGroupBy;
  /** Main-diagnosis codes the report's diagnosis filter resolved to; null when there is no filter. */
  diagnosisCodes: ReadonlySet<string> | null;
  from?: string;
  to?: string;
  cutOff: string;
}

export type PersonOutcome =
  | { kind: 'included'; followUp: PatientFollowUp }
  | { kind: 'excluded'; reason: SurvivalExclusion }
  /** Not in the cohort: no matching diagnosis under a diagnosis filter, or anchored outside from–to. */
  | { kind: 'outside' };

const diagnosisDay = (e: EncounterFact) => e.admitDate ?? e.eventDate;
const maxDate = (dates: (string | null)[]) => dates.reduce<string | null>((a, d) => (d !== null && (a === null || d > a) ? d : a), null);
const diedHere = (e: EncounterFact) => e.kind === 'inpatient' && e.dischargeMode === DISCHARGE_MODE_DEATH;

/** The enrolment whose plan and department the patient is reported under. */
function enrolmentOf(facts: PersonFacts, anchor: SurvivalAnchor): EnrolmentFact | null {
  if (anchor !== 'treatmentStart') return facts.enrolments[0] ?? null;
  const started = facts.enrolments.filter((e) => e.treatmentStartDate !== null);
  return started.reduce<EnrolmentFact | null>((a, e) => (a === null || e.treatmentStartDate! < a.treatmentStartDate! ? e : a), null);
}

/**
 * The index diagnosis: the earliest encounter (by admission date for a stay, else its date)
 * whose main diagnosis is among the filter's codes or, without a filter, in the ICD-10 category
 * of the encounter that enrolled the patient.
 */
function indexDiagnosis(facts: PersonFacts, enrolment: EnrolmentFact | null, codes: ReadonlySet<string> | null): EncounterFact | null {
  const category = enrolment?.anchorCategory ?? null;
  const matches = (e: EncounterFact) => (codes ? e.diagCode !== null && codes.has(e.diagCode) : category !== null && e.diagCategory === category);
  let first: EncounterFact | null = null;
  for (const e of facts.encounters) if (matches(e) && (first === null || diagnosisDay(e) < diagnosisDay(first))) first = e;
  return first;
}

function anchorDateOf(facts: PersonFacts, anchor: SurvivalAnchor, enrolment: EnrolmentFact, diagnosis: EncounterFact | null): string | null {
  if (anchor === 'treatmentStart') return enrolment.treatmentStartDate;
  if (!diagnosis) return null;
  const diagnosed = diagnosisDay(diagnosis);
  if (anchor === 'diagnosis') return diagnosed;
  const discharges = facts.encounters.filter((e) => e.discharged && e.eventDate >= diagnosed).map((e) => e.eventDate);
  return discharges.length ? discharges.reduce((a, d) => (d < a ? d : a)) : null;
}

function groupOf(groupBy: SurvivalGroupBy, enrolment: EnrolmentFact, diagnosis: EncounterFact | null): string | null {
  if (groupBy === 'plan') return `plan:${enrolment.planId}`;
  if (groupBy === 'department') return `dept:${enrolment.deptId ?? 'none'}`;
  return diagnosis?.diagCategory ? `icd:${diagnosis.diagCategory}` : null;
}

/** The day of death: the recorded one, else the discharge date of an in-hospital death. */
function deathOf(facts: PersonFacts): { dead: boolean; date: string | null } {
  const inHospital =
    facts.encounters
      .filter(diedHere)
      .map((e) => e.eventDate)
      .sort()[0] ?? null;
  const date = facts.deathDate ?? inHospital;
  return { dead: facts.deceased || date !== null, date };
}

/**
 * The last day the patient is known to have been alive: the latest of an answered follow-up call
 * (unless that task was closed as deceased), a follow-up closed as completed or refused, and a
 * HIS encounter (its discharge, visit or checkup date; the admission date of a stay that ended
 * in death). patients.last_contact_date is not used: a 'deceased' disposition sets it too.
 */
export function lastAliveDate(facts: PersonFacts): string | null {
  const seen = facts.encounters.map((e) => (diedHere(e) ? e.admitDate : e.eventDate));
  return maxDate([facts.lastAnsweredCall, facts.lastFollowUpDone, ...seen]);
}

/** Decides whether and how one person enters the survival analysis. */
export function personFollowUp(facts: PersonFacts, o: PersonOptions): PersonOutcome {
  const enrolment = enrolmentOf(facts, o.anchor);
  const diagnosis = indexDiagnosis(facts, enrolment ?? facts.enrolments[0] ?? null, o.diagnosisCodes);
  if (o.diagnosisCodes && !diagnosis) return { kind: 'outside' };
  if (!enrolment) return { kind: 'excluded', reason: 'noTreatmentStart' };
  const anchorDate = anchorDateOf(facts, o.anchor, enrolment, diagnosis);
  if (anchorDate === null) return { kind: 'excluded', reason: 'noAnchor' };
  if ((o.from && anchorDate < o.from) || (o.to && anchorDate > o.to)) return { kind: 'outside' };
  const group = groupOf(o.groupBy, enrolment, diagnosis);
  if (group === null) return { kind: 'excluded', reason: 'noDiagnosisGroup' };
  if (anchorDate > o.cutOff) return { kind: 'excluded', reason: 'anchoredAfterCutOff' };
  const death = deathOf(facts);
  if (death.dead && death.date === null) return { kind: 'excluded', reason: 'deathDateUnknown' };
  if (death.date !== null && death.date < anchorDate) return { kind: 'excluded', reason: 'deathBeforeAnchor' };
  const seen = lastAliveDate(facts);
  return { kind: 'included', followUp: { group, anchorDate, deathDate: death.date, lastAliveDate: seen !== null && seen >= anchorDate ? seen : null } };
}
