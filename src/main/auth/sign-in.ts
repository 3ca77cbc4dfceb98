import type { Knex } from 'knex';
import type { User } from '../../shared/model';
import type { Clock } from '../util/clock';
import { attemptSucceeded, reserveAttempt, type Subject, type ThrottleLimits } from './throttle';
import { checkPassword, startSession } from './users';

export type SignIn = { ok: true; session: { token: string; user: User } } | { ok: false; reason: 'wrong' | 'account_locked' | 'address_locked' };

/**
 * A throttled sign-in: the client address (HTTP only; null for the desktop shell) and the account
 * each count the attempt before the password is checked; a locked one answers at once, the same
 * for a real and an unknown name.
 */
export async function signIn(knex: Knex, clock: Clock, limits: ThrottleLimits, username: string, password: string, address: string | null): Promise<SignIn> {
  const subjects: Subject[] = [...(address ? [{ kind: 'address' as const, value: address }] : []), { kind: 'account', value: username }];
  for (const s of subjects) {
    if (!(await reserveAttempt(knex, clock, s, limits))) return { ok: false, reason: s.kind === 'account' ? 'account_locked' : 'address_locked' };
  }
  const user = await checkPassword(knex, username, password);
  if (!user) return { ok: false, reason: 'wrong' };
  for (const s of subjects) await attemptSucceeded(knex, s, limits);
  return { ok: true, session: await startSession(knex, clock, user) };
}

export function signInRefusal(reason: 'wrong' | 'account_locked' | 'address_locked', lockMinutes: number): string {
  if (reason === 'account_locked')
    return `登录失败次数过多，该账号已暂时锁定，请 ${lockMinutes} 分钟后再试或请管理员解锁 (too many failed sign-ins: this account is locked for ${lockMinutes} minutes or until an administrator unlocks it)`;
  if (reason === 'address_locked')
    return `此地址登录失败次数过多，请 ${lockMinutes} 分钟后再试 (too many failed sign-ins from this address; try again in ${lockMinutes} minutes)`;
  return '用户名或密码错误 (wrong username or password)';
}
