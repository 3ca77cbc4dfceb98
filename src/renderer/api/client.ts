import type { EventName, EventPayloads, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { toApiCallError } from './errors';
import { transport } from './transport';

type InputArgs<M extends MethodName> = undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

const unauthenticatedListeners = new Set<() => void>();

/** The session ended (expired, revoked, server restarted): the app returns to login. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export const api = {
  async call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>> {
    try {
      return await transport.call(method, args[0] as MethodInput<M>);
    } catch (raw) {
      const err = toApiCallError(raw);
      // A failed login is also "unauthenticated"; it is shown on the form, not a redirect.
      if (err.code === 'unauthenticated' && method !== 'auth.login') {
        for (const fn of unauthenticatedListeners) fn();
      }
      throw err;
    }
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    return transport.on(event, listener);
  },
};
