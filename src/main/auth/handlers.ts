import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { signIn, signInRefusal } from './sign-in';
import { logout } from './users';

export const authHandlers = ({ store, clock, config }: Services): Pick<Handlers, 'auth.login' | 'auth.logout' | 'auth.me'> => ({
  'auth.login': async ({ username, password }, ctx) => {
    // Only the browser shell's client address is throttled; the desktop shell's is its own PC.
    const address = ctx.transport === 'http' ? (ctx.address ?? null) : null;
    const out = await signIn(store.knex, clock, config.auth, username, password, address);
    ctx.audit = {
      user: out.ok ? out.session.user : null,
      action: out.ok ? 'login' : 'login_failed',
      detail: { transport: ctx.transport, ...(out.ok || out.reason === 'wrong' ? {} : { reason: out.reason }) },
      evenIfRefused: true,
    };
    if (!out.ok) throw new ApiError('unauthenticated', signInRefusal(out.reason, config.auth.lockMinutes));
    return out.session;
  },
  'auth.logout': async (_input, ctx) => {
    await logout(store.knex, ctx.token);
    return { ok: true };
  },
  'auth.me': async (_input, ctx) => ({ user: ctx.user, serverTime: clock.now().getTime() }),
});
