import { z } from 'zod';
import { id, none, type MethodSpec } from './common';

// User management, for admins only: list, add, edit (name, role, enabled), departments, new
// password, unlock. There is no delete: calls, follow-ups and the audit log point at users, so
// an account that should no longer sign in is disabled instead.

/** What the password policy (src/main/auth/password-policy.ts) asks at least; the UI says so. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const role = z.enum(['nurse', 'head', 'admin']);
const username = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, '用户名只能包含字母、数字和 . _ - @ (a username may contain only letters, digits and . _ - @)');
const displayName = z.string().trim().min(1).max(64);
// Checked against the policy by the handler, which knows the username.
const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const deptIds = z.array(id).max(200);

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: 'nurse' | 'head' | 'admin';
  deptIds: number[];
  /** False: disabled, cannot sign in. */
  active: boolean;
  /** Beijing time the sign-in lockout ends (too many failed sign-ins), or null when not locked. */
  lockedUntil: string | null;
  /** Beijing time of the last successful sign-in (from the audit log), or null when never. */
  lastSignInAt: string | null;
}

export const userMethods = {
  /** Every user, sorted by the pinyin of the name. */
  'users.list': { input: none, roles: ['admin'], audit: 'none: staff accounts, no patient data; every change to them is audited' },
  'users.create': {
    input: z.object({ username, displayName, role, deptIds: deptIds.default([]), password }).strict(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'users.create', detail: ['input.username', 'input.displayName', 'input.role', 'input.deptIds'] },
  },
  /** An admin cannot disable or demote herself, nor the last active admin; disabling ends her sessions. */
  'users.update': {
    input: z.object({ userId: id, displayName: displayName.optional(), role: role.optional(), active: z.boolean().optional() }).strict(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'users.update', detail: ['input.userId'] },
  },
  /** Sets a new password (meeting the policy); every session of that user ends, her lockout too. */
  'users.resetPassword': {
    input: z.object({ userId: id, password }).strict(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'users.resetPassword', detail: ['input.userId'] },
  },
  'users.setDepartments': {
    input: z.object({ userId: id, deptIds }).strict(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'users.setDepartments', detail: ['input.userId'] },
  },
  /** Lifts an account's sign-in lockout (too many failed sign-ins) before it ends by itself. */
  'users.unlock': {
    input: z.object({ userId: id }).strict(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'users.unlock', detail: ['input.userId', 'output.unlocked'] },
  },
} satisfies Record<string, MethodSpec>;

export interface UserOutputs {
  'users.list': UserSummary[];
  'users.create': UserSummary;
  'users.update': UserSummary;
  /** sessionsEnded: how many of her sessions were signed out. */
  'users.resetPassword': { sessionsEnded: number };
  'users.setDepartments': UserSummary;
  /** False: the account was not locked and had no failed sign-ins to forget. */
  'users.unlock': { unlocked: boolean };
}
