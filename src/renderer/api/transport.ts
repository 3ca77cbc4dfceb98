import type { ApiErrorBody, EventName, EventPayloads, MethodInput, MethodName, MethodOutput, Transport } from '../../shared/contract';
import { ApiCallError, toApiCallError } from './errors';

/** What the Electron preload exposes; declared here rather than on Window so the renderer
 * never depends on the preload's own type declarations. */
interface FollowupBridge {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

function ipcTransport(bridge: FollowupBridge): Transport {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      try {
        return (await bridge.call(method, input)) as MethodOutput<M>;
      } catch (err) {
        throw toApiCallError(err);
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  };
}

function httpTransport(): Transport {
  // One shared stream for all listeners; it is (re)opened on demand because EventSource gives
  // up for good when the server answers 401 (e.g. subscribed before login).
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const attached = new Set<string>();

  const ensureSource = (): EventSource => {
    if (!source || source.readyState === EventSource.CLOSED) {
      source = new EventSource('api/events');
      attached.clear();
    }
    for (const name of listeners.keys()) {
      if (attached.has(name)) continue;
      attached.add(name);
      source.addEventListener(name, (ev) => {
        let payload: unknown;
        try {
          payload = JSON.parse((ev as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const fn of listeners.get(name) ?? []) fn(payload);
      });
    }
    return source;
  };

  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      let res: Response;
      try {
        res = await fetch(`api/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Followup': '1' },
          body: JSON.stringify(input ?? {}),
          // A draft flushed as the page unloads must still arrive (keepalive bodies ≤ 64 KB).
          keepalive: method === 'followup.saveDraft',
        });
      } catch (err) {
        throw new ApiCallError('network', (err as Error).message || 'network error');
      }
      const body = (await res.json().catch(() => null)) as { result?: unknown; error?: ApiErrorBody } | null;
      if (res.ok && body && 'result' in body) return body.result as MethodOutput<M>;
      if (body?.error) throw new ApiCallError(body.error.code, body.error.message, body.error.issues, body.error.errorId);
      throw new ApiCallError(res.status === 401 ? 'unauthenticated' : 'internal', `HTTP ${res.status}`);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const fn = listener as (payload: unknown) => void;
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      ensureSource();
      return () => {
        set.delete(fn);
        const anyLeft = [...listeners.values()].some((s) => s.size > 0);
        if (!anyLeft && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

function pickTransport(): Transport {
  const bridge = (globalThis as { followup?: FollowupBridge }).followup;
  return bridge ? ipcTransport(bridge) : httpTransport();
}

export const transport: Transport = pickTransport();
