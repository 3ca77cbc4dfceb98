import { z } from 'zod';
import type { HisCheckReport } from '../his-check';
import type { RejectedRow, SyncProgress, SyncRun } from '../model';
import { id, none, type MethodSpec } from './common';

export const syncMethods = {
  'sync.start': { input: none, roles: ['admin'], audit: { kind: 'change', action: 'sync.start', detail: ['output.runId'] } },
  'sync.cancel': {
    input: z.object({ runId: id }).strict(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'sync.cancel', detail: ['input.runId', 'output.cancelled'] },
  },
  'sync.runs': {
    input: z
      .object({ limit: z.number().int().min(1).max(100).default(20) })
      .strict()
      .optional(),
    roles: ['head', 'admin'],
    audit: 'none: run counts and times; no patient data',
  },
  'sync.rejected': {
    input: z
      .object({
        runId: id.optional(),
        entity: z.string().max(32).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    roles: ['head', 'admin'],
    // The rows hold what the HIS sent: names, ID numbers and phones of patients of every
    // department. A head sees why rows were rejected; only an admin sees what they held.
    audit: { kind: 'view', action: 'sync.rejected', detail: ['input', 'output.total'] },
    mask: { adminOnly: ['rows[].raw', 'rows[].detail'] },
  },
  // Runs the profile's SQL over a small window; samples in the report are masked in main.
  'sync.check': {
    input: z
      .object({ days: z.number().int().min(1).max(366).default(7) })
      .strict()
      .optional(),
    roles: ['admin'],
    audit: { kind: 'view', action: 'sync.check', detail: ['input', 'output.ok'] },
  },
} satisfies Record<string, MethodSpec>;

export interface SyncOutputs {
  'sync.start': { runId: number };
  'sync.cancel': { cancelled: boolean };
  'sync.runs': SyncRun[];
  'sync.rejected': { total: number; rows: RejectedRow[] };
  'sync.check': HisCheckReport;
}

export interface SyncEvents {
  'sync.progress': SyncProgress;
}
