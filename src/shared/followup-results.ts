import type { BandResult } from './questionnaire/engine';

// What an earlier follow-up recorded, in a form the history pane and the patient's timeline show
// without the questionnaire at hand (an older task may use another questionnaire or version).

/** One number over time: a score the engine computed (PHQ-9, NRS …) or a numeric answer (blood pressure, HbA1c). */
export interface PastMeasure {
  /** score: computed by the questionnaire engine; answer: a number the patient gave. */
  kind: 'score' | 'answer';
  id: string;
  label: string;
  labelEn: string;
  value: number;
  unit: string | null;
  band: BandResult | null;
}

/** One answered question, its value as the nurse chose it (option labels, number with unit). */
export interface PastAnswer {
  id: string;
  text: string;
  textEn: string;
  value: string;
  valueEn: string;
}

export interface PastResult {
  answers: PastAnswer[];
  measures: PastMeasure[];
}

/** Which plan, track and point a task belongs to, as the plan names them in Chinese and (when it does) English. */
export interface PointNames {
  planName: string;
  planNameEn: string | null;
  trackName: string;
  trackNameEn: string | null;
  pointLabel: string | null;
  pointLabelEn: string | null;
}

/** A closed follow-up on the patient's timeline. */
export interface TimelineFollowup extends PastResult, PointNames {
  taskId: number;
  /** When it was closed (Beijing time). */
  at: string;
  status: 'done' | 'unreachable';
  /** completed, refused, deceased, no_contact, no_valid_number. */
  disposition: string | null;
  nurseName: string | null;
  warningColour: 'red' | 'orange' | 'yellow' | 'green' | null;
}
