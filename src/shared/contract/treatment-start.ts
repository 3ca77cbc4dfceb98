import { z } from 'zod';
import { ALL_ROLES, date, id, type MethodSpec } from './common';

// 治疗开始日 of an enrolment: where it came from (a HIS stay the plan names, or the team), and
// the team's way to set or clear it. Tracks anchored on treatment_start count from it; a change
// moves the enrolment's open tasks on those tracks (done ones never move).

export interface TreatmentStartInfo {
  enrolmentId: number;
  /** null: not known yet (tracks anchored on it wait when the plan names a HIS event). */
  date: string | null;
  source: 'his' | 'manual' | null;
  /** Who entered a manual date, and when (null for HIS dates). */
  setBy: string | null;
  setAt: string | null;
  /** The HIS encounter the date came from. */
  encounter: {
    id: number;
    kind: string;
    date: string;
    deptName: string | null;
    diagCode: string | null;
    diagName: string | null;
  } | null;
  /** The HIS event the plan names, if any. */
  rule: { encounterKind: 'inpatient' | 'outpatient'; icd10: string[] } | null;
}

export const treatmentStartMethods = {
  /** Sets the team's date (or clears it: null goes back to the HIS event the plan names). */
  'enrolments.setTreatmentStart': {
    input: z.object({ enrolmentId: id, date: date.nullable() }).strict(),
    roles: ALL_ROLES,
    audit: {
      kind: 'change',
      action: 'enrolment.treatmentStart',
      patient: 'output.patientId',
      detail: ['input.enrolmentId', 'input.date', 'output.moved'],
    },
    announces: 'tasks.changed',
  },
} satisfies Record<string, MethodSpec>;

export interface TreatmentStartOutputs {
  'enrolments.setTreatmentStart': { enrolmentId: number; patientId: number; moved: number; created: number; treatmentStart: TreatmentStartInfo };
}
