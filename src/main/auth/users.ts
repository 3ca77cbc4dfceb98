import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Role, User } from '../../shared/model';
import { beijingTimestamp, type Clock } from '../util/clock';
import { hashPassword, randomPassword, verifyPassword } from './passwords';

/** A session ends this long after sign-in however busy it is, or earlier when idle (idleMinutes). */
const SESSION_HOURS = 12;
export const DEFAULT_IDLE_MINUTES = 30;
/** A session's last-seen time is written at most this often, not on every call. */
const TOUCH_EVERY_MS = 30_000;

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
}

const toUser = (r: UserRow): User => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role });
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createUser(knex: Knex, clock: Clock, u: { username: string; displayName: string; role: Role; password: string }): Promise<User> {
  const [row] = await knex('users')
    .insert({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: await hashPassword(u.password),
      active: 1,
      created_at: beijingTimestamp(clock.now()),
    })
    .returning('*');
  return toUser(row as UserRow);
}

// An unknown (or disabled) user's password is checked against this hash, so that the answer
// takes as long as for a real user and its timing does not tell which names exist.
let dummyHash: Promise<string> | undefined;

/** The active user with this name and password, or null; as slow for an unknown name as for a known one. */
export async function checkPassword(knex: Knex, username: string, password: string): Promise<User | null> {
  dummyHash ??= hashPassword(randomPassword());
  const dummy = await dummyHash;
  const row = (await knex('users').where({ username, active: 1 }).first()) as UserRow | undefined;
  const ok = await verifyPassword(password, row?.password_hash ?? dummy);
  return row && ok ? toUser(row) : null;
}

export async function startSession(knex: Knex, clock: Clock, user: User): Promise<{ token: string; user: User }> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const stamp = beijingTimestamp(now);
  // Sessions past their end are dropped here, so the table does not grow for ever.
  await knex('sessions').where('expires_at', '<=', stamp).delete();
  await knex('sessions').insert({
    token_hash: tokenHash(token),
    user_id: user.id,
    created_at: stamp,
    last_seen_at: stamp,
    expires_at: beijingTimestamp(new Date(now.getTime() + SESSION_HOURS * 3600_000)),
  });
  return { token, user };
}

const idleSince = (now: Date, idleMinutes: number) => beijingTimestamp(new Date(now.getTime() - idleMinutes * 60_000));

export interface SessionCheck {
  /** Minutes without a call after which the session has ended. */
  idleMinutes?: number;
  /** False for a check that is not the user's activity (an event stream's), so it keeps no session alive. */
  touch?: boolean;
}

export async function userForToken(knex: Knex, clock: Clock, token: string | null, opts: SessionCheck = {}): Promise<User | null> {
  if (!token) return null;
  const now = clock.now();
  const row = (await knex('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', tokenHash(token))
    .andWhere('s.expires_at', '>', beijingTimestamp(now))
    .andWhere(knex.raw('coalesce(s.last_seen_at, s.created_at)'), '>', idleSince(now, opts.idleMinutes ?? DEFAULT_IDLE_MINUTES))
    .andWhere('u.active', 1)
    .first('u.*', 's.last_seen_at as session_last_seen')) as (UserRow & { session_last_seen: string | null }) | undefined;
  if (!row) return null;
  const touchIfBefore = beijingTimestamp(new Date(now.getTime() - TOUCH_EVERY_MS));
  if (opts.touch !== false && (!row.session_last_seen || row.session_last_seen <= touchIfBefore))
    await knex('sessions')
      .where('token_hash', tokenHash(token))
      .update({ last_seen_at: beijingTimestamp(now) });
  return toUser(row);
}

export async function logout(knex: Knex, token: string | null): Promise<void> {
  if (token) await knex('sessions').where('token_hash', tokenHash(token)).delete();
}

/** Signs a user out everywhere (but the session `keepToken` names, if any); how many sessions ended. */
export async function endSessions(knex: Knex, userId: number, keepToken: string | null = null): Promise<number> {
  const q = knex('sessions').where({ user_id: userId });
  return keepToken ? q.whereNot('token_hash', tokenHash(keepToken)).delete() : q.delete();
}

export async function setPassword(knex: Knex, userId: number, password: string): Promise<void> {
  await knex('users')
    .where({ id: userId })
    .update({ password_hash: await hashPassword(password) });
}
