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
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');
export const dateRange = z.object({ from: date.optional(), to: date.optional() }).strict().optional();
export const none = z.object({}).strict().optional();
export const id = z.number().int().positive();

export interface MethodSpec {
  input: z.ZodType;
  /** Roles allowed to call; checked in main by the dispatcher. */
  roles: Role[] | 'public';
}
