/** One enrolment of a patient, as the cohort query reads it. */
export interface EnrolmentFact {
  planId: number;
  deptId: number | null;
  anchorDate: string;
  treatmentStartDate: string | null;
  /** ICD-10 category of the main diagnosis of the encounter that enrolled the patient. */
  anchorCategory: string | null;
}

/** A non-cancelled HIS encounter of the patient. */
export interface EncounterFact {
  kind: 'inpatient' | 'outpatient' | 'checkup';
  admitDate: string | null;
  /** Discharge date (inpatient), visit date (outpatient) or checkup date. */
  eventDate: string;
  dischargeMode: string | null;
  /** An inpatient stay that ended in a discharge (not one still in hospital). */
  discharged: boolean;
  diagCode: string | null;
  diagCategory: string | null;
}

/** What the store knows of one person (merged HIS records count as one) for survival analysis. */
export interface PersonFacts {
  person: number;
  /** The person's enrolments within the report's plan and department filters, oldest anchor first. */
  enrolments: EnrolmentFact[];
  encounters: EncounterFact[];
  /** Latest day a follow-up call was answered (and the task was not closed as deceased). */
  lastAnsweredCall: string | null;
  /** Latest day a follow-up was closed as completed or refused (the patient was reached alive). */
  lastFollowUpDone: string | null;
  deceased: boolean;
  deathDate: string | null;
}

/** 离院方式 5: the patient died in hospital (see his/entities/stays.ts). */
export const DISCHARGE_MODE_DEATH = '5';
