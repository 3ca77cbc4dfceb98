import { describeError, internalError } from '../api/dispatcher';
import os from 'node:os';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { DispatchResult } from '../api/dispatcher';
import type { App } from '../app';
import type { User } from '../../shared/model';

// The IPC adapter over the one dispatcher. Electron arrives only as types and parameters, so
// this file loads (and is tested) without the Electron binary.

export const CALL_CHANNEL = 'api:call';
export const EVENT_CHANNEL = 'api:event';

type Backend = Pick<App, 'dispatcher' | 'userForToken'>;

const refused = (code: 'forbidden' | 'unknown_method', message: string): DispatchResult => ({ ok: false, error: { code, message } });

/** Session tokens live here, one per renderer (webContents id); the renderer never sees them. */
export class IpcSessions {
  private tokens = new Map<number, string>();
  get(senderId: number): string | null {
    return this.tokens.get(senderId) ?? null;
  }
  set(senderId: number, token: string): void {
    this.tokens.set(senderId, token);
  }
  /** Forgets the sender's token and returns it, so the caller can revoke it. */
  take(senderId: number): string | null {
    const token = this.get(senderId);
    this.tokens.delete(senderId);
    return token;
  }
}

/** auth.login answers `{ token, user }`; over IPC only `{ user }` goes back. */
export function withoutToken(result: unknown): unknown {
  if (!result || typeof result !== 'object' || !('token' in result)) return result;
  const { token: _token, ...rest } = result as Record<string, unknown>;
  return rest;
}

export interface IpcCore {
  call(senderId: number, method: unknown, input: unknown): Promise<DispatchResult>;
  /** The renderer is gone: drop its token and end its session in the store. */
  forget(senderId: number): Promise<void>;
  /** The user signed in in this renderer, if any (for channels beside the dispatcher: saving an export). */
  userOf(senderId: number): Promise<User | null>;
}

export function createIpcCore(backend: Backend, sessions = new IpcSessions(), log: (msg: string) => void = () => {}): IpcCore {
  const contextFor = async (senderId: number) => {
    const token = sessions.get(senderId);
    const user = await backend.userForToken(token);
    // An expired or revoked session is dropped, so the renderer sees "unauthenticated".
    if (token && !user) sessions.take(senderId);
    return { user, token: user ? token : null, transport: 'ipc' as const, address: os.hostname() };
  };
  return {
    async call(senderId, method, input) {
      if (typeof method !== 'string') return refused('unknown_method', 'method must be a string');
      let ctx;
      try {
        ctx = await contextFor(senderId);
      } catch (err) {
        // Same answer as the dispatcher gives for its own failures: details stay in the log.
        return { ok: false, error: internalError(log, 'ipc session lookup', err) };
      }
      const res = await backend.dispatcher.dispatch(ctx, method, input);
      if (method === 'auth.login' && res.ok) {
        const previous = sessions.get(senderId);
        sessions.set(senderId, (res.result as { token: string }).token);
        if (previous) await revoke(backend, previous).catch((err) => log(`ipc: ending the previous session failed: ${describeError(err)}`));
        return { ok: true, result: withoutToken(res.result) };
      }
      if (method === 'auth.logout') sessions.take(senderId);
      return res;
    },
    async forget(senderId) {
      const token = sessions.take(senderId);
      if (token) await revoke(backend, token);
    },
    userOf: async (senderId) => (await contextFor(senderId)).user,
  };
}

async function revoke(backend: Backend, token: string): Promise<void> {
  const user = await backend.userForToken(token);
  if (user) await backend.dispatcher.dispatch({ user, token, transport: 'ipc', address: os.hostname() }, 'auth.logout', undefined);
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The backend; calls made while it starts wait for it. */
  ready: Promise<Backend & Pick<App, 'events'>>;
  isAppUrl(url: string): boolean;
  /** Every renderer that may receive events. */
  targets(): WebContents[];
  log(msg: string): void;
}

export function registerIpc(deps: IpcDeps): { dispose(): Promise<void>; userOf(senderId: number): Promise<User | null> } {
  const core = deps.ready.then((app) => createIpcCore(app, new IpcSessions(), deps.log));
  core.catch(() => {}); // the shell reports a failed start; calls below then fail on their own
  const watched = new Set<number>();
  const pending = new Set<Promise<void>>();

  deps.ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !deps.isAppUrl(frameUrl)) {
      deps.log(`ipc: refused ${String(method)} from ${frameUrl ?? 'a destroyed frame'}`);
      return refused('forbidden', 'caller is not the application');
    }
    const sender = event.sender;
    if (!watched.has(sender.id)) {
      watched.add(sender.id);
      const id = sender.id;
      sender.once('destroyed', () => {
        watched.delete(id);
        const p = core.then((c) => c.forget(id)).catch((err) => deps.log(`ipc: ending session failed: ${describeError(err)}`));
        pending.add(p);
        void p.finally(() => pending.delete(p));
      });
    }
    return (await core).call(sender.id, method, input);
  });

  let unsubscribe = () => {};
  void deps.ready.then(
    (app) => {
      unsubscribe = app.events.subscribe((name, payload) => {
        for (const wc of deps.targets()) {
          if (!wc.isDestroyed() && deps.isAppUrl(wc.getURL())) wc.send(EVENT_CHANNEL, name, payload);
        }
      });
    },
    () => {},
  );

  return {
    userOf: async (senderId) => (await core).userOf(senderId),
    async dispose() {
      deps.ipcMain.removeHandler(CALL_CHANNEL);
      unsubscribe();
      await Promise.allSettled([...pending]);
    },
  };
}
