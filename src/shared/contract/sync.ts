import { z } from 'zod';
import type { RejectedRow, SyncProgress, SyncRun } from '../model';
import { id, none, type MethodSpec } from './common';

export const syncMethods = {
  'sync.start': { input: none, roles: ['admin'] },
  'sync.cancel': { input: z.object({ runId: id }).strict(), roles: ['admin'] },
  'sync.runs': {
    input: z
      .object({ limit: z.number().int().min(1).max(100).default(20) })
      .strict()
      .optional(),
    roles: ['head', 'admin'],
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
  },
} satisfies Record<string, MethodSpec>;

export interface SyncOutputs {
  'sync.start': { runId: number };
  'sync.cancel': { cancelled: boolean };
  'sync.runs': SyncRun[];
  'sync.rejected': { total: number; rows: RejectedRow[] };
}

export interface SyncEvents {
  'sync.progress': SyncProgress;
}
