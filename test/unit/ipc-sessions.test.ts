import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { CallContext, DispatchResult } from '../../src/main/api/dispatcher';
import type { User } from '../../src/shared/model';
import { createIpcCore, IpcSessions, withoutToken } from '../../src/main/electron/ipc';

const nurse: User = { id: 7, username: 'wang', displayName: '王护士', role: 'nurse' };

// A stand-in backend: sessions are a set of live tokens; login issues a fresh one.
function fakeBackend() {
  const live = new Map<string, User>();
  const calls: { method: string; ctx: CallContext }[] = [];
  let n = 0;
  const backend = {
    userForToken: async (token: string | null) => (token ? (live.get(token) ?? null) : null),
    dispatcher: {
      async dispatch(ctx: CallContext, method: string): Promise<DispatchResult> {
        calls.push({ method, ctx });
        if (method === 'auth.login') {
          const token = `tok-${++n}`;
          live.set(token, nurse);
          return { ok: true, result: { token, user: nurse } };
        }
        if (method === 'auth.logout') {
          if (ctx.token) live.delete(ctx.token);
          return { ok: true, result: { ok: true } };
        }
        if (!ctx.user) return { ok: false, error: { code: 'unauthenticated', message: 'please sign in' } };
        return { ok: true, result: { who: ctx.user.username } };
      },
    },
  };
  return { backend, live, calls };
}

describe('withoutToken', () => {
  it('drops the token and keeps the rest', () => {
    expect(withoutToken({ token: 'secret', user: nurse })).toEqual({ user: nurse });
  });
  it('leaves other results alone', () => {
    expect(withoutToken([1, 2])).toEqual([1, 2]);
    expect(withoutToken(null)).toBeNull();
    expect(withoutToken({ user: null })).toEqual({ user: null });
  });
});

describe('IpcSessions', () => {
  it('keeps one token per renderer and hands it back once when taken', () => {
    const s = new IpcSessions();
    s.set(1, 'a');
    s.set(2, 'b');
    expect(s.get(1)).toBe('a');
    expect(s.take(1)).toBe('a');
    expect(s.get(1)).toBeNull();
    expect(s.take(1)).toBeNull();
    expect(s.get(2)).toBe('b');
  });
});

describe('createIpcCore', () => {
  it('signs a renderer in without giving it the token, then calls as that user over ipc', async () => {
    const { backend, calls } = fakeBackend();
    const sessions = new IpcSessions();
    const core = createIpcCore(backend, sessions);

    const login = await core.call(1, 'auth.login', { username: 'wang', password: 'x' });
    expect(login).toEqual({ ok: true, result: { user: nurse } });
    expect(JSON.stringify(login)).not.toContain('tok-');
    expect(sessions.get(1)).toBe('tok-1');

    expect(await core.call(1, 'departments.list', undefined)).toEqual({ ok: true, result: { who: 'wang' } });
    expect(calls.at(-1)!.ctx).toEqual({ user: nurse, token: 'tok-1', transport: 'ipc', address: os.hostname() });
  });

  it('keeps renderers apart', async () => {
    const { backend, calls } = fakeBackend();
    const core = createIpcCore(backend);
    await core.call(1, 'auth.login', { username: 'wang', password: 'x' });
    const other = await core.call(2, 'departments.list', undefined);
    expect(other).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(calls.at(-1)!.ctx).toEqual({ user: null, token: null, transport: 'ipc', address: os.hostname() });
  });

  it('forgets the token on logout', async () => {
    const { backend, live } = fakeBackend();
    const sessions = new IpcSessions();
    const core = createIpcCore(backend, sessions);
    await core.call(1, 'auth.login', { username: 'wang', password: 'x' });
    expect(await core.call(1, 'auth.logout', undefined)).toEqual({ ok: true, result: { ok: true } });
    expect(sessions.get(1)).toBeNull();
    expect(live.size).toBe(0);
    expect(await core.call(1, 'departments.list', undefined)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('ends the session in the store when the renderer is destroyed', async () => {
    const { backend, live, calls } = fakeBackend();
    const sessions = new IpcSessions();
    const core = createIpcCore(backend, sessions);
    await core.call(3, 'auth.login', { username: 'wang', password: 'x' });
    await core.forget(3);
    expect(sessions.get(3)).toBeNull();
    expect(live.size).toBe(0);
    expect(calls.at(-1)).toMatchObject({ method: 'auth.logout', ctx: { token: 'tok-1', transport: 'ipc' } });
    await core.forget(3); // a second destroy is harmless
  });

  it('revokes the previous session when the same renderer signs in again', async () => {
    const { backend, live } = fakeBackend();
    const sessions = new IpcSessions();
    const core = createIpcCore(backend, sessions);
    await core.call(1, 'auth.login', { username: 'wang', password: 'x' });
    await core.call(1, 'auth.login', { username: 'wang', password: 'x' });
    expect(sessions.get(1)).toBe('tok-2');
    expect([...live.keys()]).toEqual(['tok-2']);
  });

  it('drops a token the store no longer honours', async () => {
    const { backend, live, calls } = fakeBackend();
    const sessions = new IpcSessions();
    const core = createIpcCore(backend, sessions);
    await core.call(1, 'auth.login', { username: 'wang', password: 'x' });
    live.clear(); // expired or revoked elsewhere
    expect(await core.call(1, 'departments.list', undefined)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(calls.at(-1)!.ctx.token).toBeNull();
    expect(sessions.get(1)).toBeNull();
  });

  it('refuses a non-string method without dispatching', async () => {
    const { backend, calls } = fakeBackend();
    const core = createIpcCore(backend);
    expect(await core.call(1, { toString: () => 'auth.login' }, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(calls).toHaveLength(0);
  });

  it('answers internal when the session lookup fails, without leaking the cause', async () => {
    const { backend } = fakeBackend();
    const logged: string[] = [];
    const sessions = new IpcSessions();
    sessions.set(1, 'tok-x');
    const core = createIpcCore(
      {
        ...backend,
        userForToken: async () => {
          throw new Error('SQLITE_BUSY at /secret/path');
        },
      },
      sessions,
      (m) => logged.push(m),
    );
    const res = await core.call(1, 'departments.list', undefined);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal', errorId: expect.stringMatching(/^[0-9a-f]{8}$/) } });
    const { errorId } = (res as { error: { errorId: string } }).error;
    // The log carries the id the user sees, never the error's message (it may quote patient data).
    expect(logged.join()).toContain(errorId);
    expect(logged.join()).not.toContain('/secret/path');
  });
});
