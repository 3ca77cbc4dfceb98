import { z } from 'zod';
import type { Role } from '../model';

export const ALL_ROLES: Role[] = ['nurse', 'head', 'admin'];
/** A real calendar date: 2026-02-30 would be stored by SQLite and refused by PostgreSQL's date arithmetic. */
const isCalendarDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
};
export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD (expected YYYY-MM-DD)')
  .refine(isCalendarDate, '日期不存在 (not a calendar date)');
export const dateRange = z.object({ from: date.optional(), to: date.optional() }).strict().optional();
export const none = z.object({}).strict().optional();
export const id = z.number().int().positive();
/**
 * A dialled or given phone number: digits with an optional leading + (+86…, 00…), separators
 * (spaces, dashes, dots, brackets) stripped. 3–20 digits: an extension or 120 up to an
 * international number; mainland mobiles (11 digits) and landlines (0AA-NNNNNNNN) are normalised
 * further in main (src/main/his/normalise/phones.ts).
 */
export const phoneNumber = z
  .string()
  .max(32)
  .transform((s) => s.trim().replace(/[\s\-.()（）]/g, ''))
  .pipe(z.string().regex(/^\+?\d{3,20}$/, '电话号码只能是数字，可带开头的 + (expected a phone number: digits, optionally a leading +)'));

/**
 * What a successful call writes to the audit log; the dispatcher writes it (main/api/policy.ts),
 * never a handler. Paths name a value in the call: `input.patientId`, `output.task.patientId`;
 * a handler adds what only it knows (a patient looked up from a task) through `ctx.audit`.
 */
export interface AuditSpec {
  /** view: patient data shown; export: patient data leaving the program; change: anything written; access: secrets and sign-in. */
  kind: 'view' | 'export' | 'change' | 'access';
  action: string;
  /** Where the patient's id is, when the call concerns one patient. */
  patient?: string;
  /** Values kept in the row's detail: each path's last name is its key; `input` alone copies the whole input. */
  detail?: string[];
}

/**
 * Output fields masked for roles that may not see them in full (main/auth/permissions.ts):
 * paths into the output, `[]` for every element of an array (`rows[].phone`).
 */
export interface MaskSpec {
  phone?: string[];
  /** Numbers kept as +86…: masked keeping the country code. */
  e164?: string[];
  idNumber?: string[];
  /** Fields only an admin sees at all: null for everyone else (what a HIS row held, say). */
  adminOnly?: string[];
}

export interface MethodSpec {
  input: z.ZodType;
  /** Roles allowed to call; checked in main by the dispatcher. */
  roles: Role[] | 'public';
  /** Every method says what it audits, or why it audits nothing (a string). */
  audit: AuditSpec | `none: ${string}`;
  mask?: MaskSpec;
  /** An event the dispatcher sends every workstation after a successful call (main/store/team-events.ts). */
  announces?: 'tasks.changed';
}
