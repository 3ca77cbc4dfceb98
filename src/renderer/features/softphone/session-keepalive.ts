import { isLive, type CallState } from './state';

/** Well inside the shortest idle period an admin can set (1 minute is the floor; the default is 30). */
export const KEEPALIVE_MS = 30_000;

/**
 * A nurse on a call is not idle: while a call is live, ping the server so the idle lock (which
 * signs the session out and would unmount the softphone) never cuts a call in progress.
 */
export function keepSessionDuringCalls(call: () => CallState | null, ping: () => void, every = KEEPALIVE_MS): () => void {
  const timer = setInterval(() => {
    if (isLive(call())) ping();
  }, every);
  return () => clearInterval(timer);
}
