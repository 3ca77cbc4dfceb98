import { z } from 'zod';
import { date, id, none, type MethodSpec } from './common';

// The audit log, for admins only: search it (newest first) and check its hash chain. Each
// search and check is itself audited. The same filter exports as the 'audit' export kind.

const text = (max: number) => z.string().trim().min(1).max(max).optional();

const filterShape = {
  /** Beijing dates, both ends included. */
  from: date.optional(),
  to: date.optional(),
  /** The username as the row keeps it (also 'cli', and the name given at a failed sign-in). */
  username: text(64),
  /** Starts with: 'patient.' finds every patient access, 'login' also failed sign-ins. */
  action: text(64),
  patientId: id.optional(),
  /** Starts with: an HTTP client's address or a workstation's host name. */
  address: text(255),
};

export const auditFilter = z.object(filterShape).strict();
export type AuditFilter = z.output<typeof auditFilter>;

export const auditSearchInput = z
  .object({ ...filterShape, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(50) })
  .strict();

export interface AuditEntry {
  id: number;
  /** Beijing time. */
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  patientId: number | null;
  /** JSON as written, or null. */
  detail: string | null;
  address: string | null;
  /** False: written in the last seconds and not chained yet. */
  sealed: boolean;
}

export interface AuditProblem {
  /** edited: the row (or its seal) changed; deleted: a sealed row is gone; seal_missing: seals gone (a gap); chain_broken: a seal does not follow from the one before. */
  kind: 'edited' | 'deleted' | 'seal_missing' | 'chain_broken';
  seq: number;
  auditId: number | null;
  /** "中文 (English)". */
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  /** Seals checked. */
  sealed: number;
  /** Audit rows without a seal yet (sealed within seconds while a workstation runs). */
  unsealed: number;
  /** The newest seal: noted elsewhere, it also shows a later truncation of the newest rows. */
  head: { seq: number; hash: string } | null;
  /** In chain order, the first 20. */
  problems: AuditProblem[];
  problemCount: number;
  /** "中文 (English)": the verdict, or the first problem. */
  message: string;
}

export const auditMethods = {
  'audit.search': {
    input: auditSearchInput,
    roles: ['admin'],
    audit: { kind: 'view', action: 'audit.search', patient: 'input.patientId', detail: ['input', 'output.total'] },
  },
  /** Walks the whole chain; on a large log this takes a few seconds. */
  'audit.verify': { input: none, roles: ['admin'], audit: { kind: 'view', action: 'audit.verify' } },
} satisfies Record<string, MethodSpec>;

export interface AuditOutputs {
  'audit.search': { total: number; page: number; pageSize: number; rows: AuditEntry[] };
  'audit.verify': AuditVerifyResult;
}
