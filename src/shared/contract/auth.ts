import { z } from 'zod';
import type { User } from '../model';
import { ALL_ROLES, none, type MethodSpec } from './common';

export const authMethods = {
  'auth.login': {
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    roles: 'public',
    audit: { kind: 'access', action: 'login', detail: ['input.username'] },
  },
  'auth.logout': { input: none, roles: ALL_ROLES, audit: { kind: 'access', action: 'logout' } },
  'auth.me': { input: none, roles: 'public', audit: 'none: who is signed in; no patient data' },
} satisfies Record<string, MethodSpec>;

export interface AuthOutputs {
  /** The token is kept by the transport (cookie / main process) and never reaches the renderer. */
  'auth.login': { user: User; token?: string };
  'auth.logout': { ok: true };
  /** serverTime: the server clock (epoch ms), so the UI's "today" is the server's. */
  'auth.me': { user: User | null; serverTime: number };
}
