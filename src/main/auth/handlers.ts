import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { audit } from './audit';
import { login, logout } from './users';

export const authHandlers = ({ store, clock }: Services): Pick<Handlers, 'auth.login' | 'auth.logout' | 'auth.me'> => ({
  'auth.login': async ({ username, password }, ctx) => {
    const session = await login(store.knex, clock, username, password);
    await audit(store.knex, clock, session?.user ?? null, session ? 'login' : 'login_failed', null, { username, transport: ctx.transport });
    if (!session) throw new ApiError('unauthenticated', '用户名或密码错误 (wrong username or password)');
    return session;
  },
  'auth.logout': async (_input, ctx) => {
    await logout(store.knex, ctx.token);
    return { ok: true };
  },
  'auth.me': async (_input, ctx) => ({ user: ctx.user, serverTime: clock.now().getTime() }),
});
