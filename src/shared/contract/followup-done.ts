import { z } from 'zod';
import type { TaskStatus, WarningColour } from './followup';
import type { MethodSpec } from './common';
import type { PastMeasure, PointNames } from '../followup-results';

// The nurse's own closed follow-ups, today or this week (Beijing dates, the week from Monday):
// what she did, to look back at a call or reopen the patient. Only ever the caller's own work.

export const myCompletedInput = z
  .object({
    period: z.enum(['today', 'week']).default('today'),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type MyCompletedInput = z.input<typeof myCompletedInput>;

export interface MyCompletedRow extends PointNames {
  taskId: number;
  patientId: number;
  patientName: string;
  dueDate: string;
  completedAt: string;
  status: TaskStatus;
  /** completed, refused, deceased, no_contact, no_valid_number. */
  disposition: string | null;
  warningColour: WarningColour | null;
  /** The scores and numbers it recorded (PHQ-9 total, blood pressure …). */
  measures: PastMeasure[];
}

export interface MyCompletedResult {
  /** The period's first and last Beijing dates. */
  from: string;
  to: string;
  total: number;
  page: number;
  pageSize: number;
  rows: MyCompletedRow[];
  /** Both periods' totals, for the switch's badges. */
  counts: { today: number; week: number };
}

export const followupDoneMethods = {
  'tasks.myCompleted': {
    input: myCompletedInput,
    roles: ['nurse', 'head'],
    audit: { kind: 'view', action: 'tasks.myCompleted', detail: ['input', 'output.total'] },
  },
} satisfies Record<string, MethodSpec>;

export interface FollowupDoneOutputs {
  'tasks.myCompleted': MyCompletedResult;
}
