import { z } from 'zod';
import { notifyMethods, toldWhom, type CriticalValueInfo } from '../critical-values';
import { id, type MethodSpec } from './common';
import { datetime } from './followup';

// Recording that a critical value (危急值) was told: to whom, when and how. Who told them is the
// signed-in user, never an input. The dispatcher audits it in the same transaction.

export const recordNotificationInput = z
  .object({
    /** A task of the patient the nurse holds (the one carrying the deadline, or another of the patient's). */
    taskId: id,
    told: z.enum(toldWhom),
    /** A family member's name and relationship to the patient; required when the family was told. */
    name: z.string().trim().max(64).optional(),
    relation: z.string().trim().max(32).optional(),
    method: z.enum(notifyMethods),
    toldAt: datetime,
    /** Required for "other": how the patient was told. */
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.told === 'family' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写家属姓名 (the family member’s name is required)' });
    if (v.told === 'family' && !v.relation)
      ctx.addIssue({ code: 'custom', path: ['relation'], message: '请填写与患者关系 (the relationship to the patient is required)' });
    if (v.method === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请说明告知方式 (say how the patient was told)' });
  });
export type RecordNotificationInput = z.input<typeof recordNotificationInput>;

export const criticalValueMethods = {
  'criticalValues.recordNotification': {
    input: recordNotificationInput,
    roles: ['nurse', 'head'],
    // Names of family members stay out of the audit row; the record itself keeps them.
    audit: {
      kind: 'change',
      action: 'criticalValue.notify',
      patient: 'output.patientId',
      detail: ['input.taskId', 'input.told', 'input.method', 'input.toldAt'],
    },
    announces: 'tasks.changed',
  },
} satisfies Record<string, MethodSpec>;

export interface CriticalValueOutputs {
  'criticalValues.recordNotification': { taskId: number; patientId: number; criticalValue: CriticalValueInfo };
}
