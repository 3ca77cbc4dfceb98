import { z } from 'zod';
import type { Role } from '../model';

export const ALL_ROLES: Role[] = ['nurse', 'head', 'admin'];
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const dateRange = z.object({ from: date.optional(), to: date.optional() }).strict().optional();
export const none = z.object({}).strict().optional();
export const id = z.number().int().positive();

export interface MethodSpec {
  input: z.ZodType;
  /** Roles allowed to call; checked in main by the dispatcher. */
  roles: Role[] | 'public';
}
