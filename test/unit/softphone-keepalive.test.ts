import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepSessionDuringCalls } from '../../src/renderer/features/softphone/session-keepalive';
import { initialState, reduce, type Action, type CallState } from '../../src/renderer/features/softphone/state';

// The idle lock signs an idle session out; a nurse on a call is not idle, so the softphone keeps
// her session alive for exactly as long as a call is live.

const run = (actions: Action[]) => actions.reduce(reduce, initialState(0));
const connected = run([
  { type: 'reg/connecting', at: 1 },
  { type: 'reg/connected', at: 2 },
  { type: 'reg/registered', at: 3 },
  { type: 'call/dial', at: 10, uid: 's1', number: '13800138000' },
  { type: 'call/answered', at: 20 },
]).call;
const ended = reduce({ ...initialState(0), call: connected }, { type: 'call/remote-bye', at: 30 }).call;

describe('session keep-alive during calls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings while a call is live and stops when it ends or the softphone goes', () => {
    let call: CallState | null = null;
    const ping = vi.fn();
    const stop = keepSessionDuringCalls(() => call, ping, 1000);
    vi.advanceTimersByTime(3000);
    expect(ping).not.toHaveBeenCalled();
    call = connected;
    vi.advanceTimersByTime(3000);
    expect(ping).toHaveBeenCalledTimes(3);
    call = ended;
    vi.advanceTimersByTime(3000);
    expect(ping).toHaveBeenCalledTimes(3);
    call = connected;
    stop();
    vi.advanceTimersByTime(3000);
    expect(ping).toHaveBeenCalledTimes(3);
  });
});
