import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Role, User } from '../../shared/model';
import { beijingTimestamp, type Clock } from '../util/clock';
import { hashPassword, verifyPassword } from './passwords';

const SESSION_HOURS = 12;

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

export async function login(knex: Knex, clock: Clock, username: string, password: string): Promise<{ token: string; user: User } | null> {
  const row = (await knex('users').where({ username, active: 1 }).first()) as UserRow | undefined;
  if (!row || !(await verifyPassword(password, row.password_hash))) return null;
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  await knex('sessions').insert({
    token_hash: tokenHash(token),
    user_id: row.id,
    created_at: beijingTimestamp(now),
    expires_at: beijingTimestamp(new Date(now.getTime() + SESSION_HOURS * 3600_000)),
  });
  return { token, user: toUser(row) };
}

export async function userForToken(knex: Knex, clock: Clock, token: string | null): Promise<User | null> {
  if (!token) return null;
  const row = (await knex('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', tokenHash(token))
    .andWhere('s.expires_at', '>', beijingTimestamp(clock.now()))
    .andWhere('u.active', 1)
    .first('u.*')) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export async function logout(knex: Knex, token: string | null): Promise<void> {
  if (token) await knex('sessions').where('token_hash', tokenHash(token)).delete();
}
