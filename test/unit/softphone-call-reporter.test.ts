import { beforeEach, describe, expect, it } from 'vitest';
import { CallReporter, type ReportFailure } from '../../src/renderer/features/softphone/call-reporter';
import type { SoftphoneApi } from '../../src/renderer/features/softphone/deps';
import { initialState, reduce, type Action, type CallState } from '../../src/renderer/features/softphone/state';

// The call reporter with main faked: every report reaches main in the order it happened, and
// every one main refuses is reported (the controller shows it to the nurse), never dropped.

interface Pending {
  method: string;
  input: unknown;
  done: boolean;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

let sent: Pending[];
let failures: ReportFailure[];
let stored: [string, number][];
let uploads: number[];
let uploadFails: Error | null;

const api = {
  call: (method: string, input?: unknown) => new Promise((resolve, reject) => sent.push({ method, input, done: false, resolve, reject })),
} as unknown as SoftphoneApi;

const reporter = () =>
  new CallReporter({
    api,
    uploadRecording: async (callId) => {
      if (uploadFails) throw uploadFails;
      uploads.push(callId);
    },
    stored: (uid, callId) => stored.push([uid, callId]),
    failed: (f) => failures.push(f),
  });

const settle = () => new Promise((r) => setTimeout(r, 0));
const methods = () => sent.map((p) => p.method);
/** Main answers (or refuses) the oldest request for `method` still waiting. */
async function reply(method: string, settleIt: (p: Pending) => void) {
  await settle();
  const p = sent.find((x) => x.method === method && !x.done);
  if (!p) throw new Error(`${method} was not sent; sent: ${methods().join(', ')}`);
  p.done = true;
  settleIt(p);
  await settle();
}
const answer = (method: string, value: unknown = { ok: true }) => reply(method, (p) => p.resolve(value));
const refuse = (method: string, error: Error) => reply(method, (p) => p.reject(error));

function call(...actions: Action[]): CallState {
  let s = reduce(initialState(0), { type: 'reg/registered', at: 0 });
  for (const a of [{ type: 'call/dial', at: 1, uid: 'out-1', number: '13800138000', patientId: 7, taskId: 70 } as Action, ...actions]) s = reduce(s, a);
  return s.call!;
}

const blob = (size: number) => ({ size }) as Blob;

beforeEach(() => {
  sent = [];
  failures = [];
  stored = [];
  uploads = [];
  uploadFails = null;
});

describe('call reporter', () => {
  it('a failed save of the call is reported; what depends on its row is not sent, and the recording counts as lost', async () => {
    const r = reporter();
    r.start(call());
    r.answered('out-1');
    await refuse('calls.start', new Error('disk full'));
    expect(failures).toEqual([{ step: 'start', error: new Error('disk full') }]);
    expect(stored).toEqual([]);
    const ended = await r.ended(call({ type: 'call/answered', at: 2 }, { type: 'call/hangup-local', at: 3 }), blob(5000));
    expect(ended).toEqual({ callId: null, recording: 'failed' });
    expect(methods()).toEqual(['calls.start']);
    expect(uploads).toEqual([]);
  });

  it('reports go in the order they happened, each after the row; the outcome waits for the end', async () => {
    const r = reporter();
    r.start(call());
    r.answered('out-1');
    r.consent('out-1', true);
    r.link('out-1', { patientId: 8, taskId: null });
    const ended = r.ended(call({ type: 'call/answered', at: 2 }, { type: 'call/hangup-local', at: 3 }), blob(5000));
    const outcome = r.outcome('out-1', null, 'connected');
    await settle();
    expect(methods()).toEqual(['calls.start']);
    await answer('calls.start', { callId: 41 });
    expect(stored).toEqual([['out-1', 41]]);
    await answer('calls.answered');
    await answer('calls.setConsent', { consent: true });
    await answer('calls.link');
    expect(methods()).toEqual(['calls.start', 'calls.answered', 'calls.setConsent', 'calls.link', 'calls.end']);
    expect(sent.at(-1)!.input).toEqual({ callId: 41, endedBy: 'local', sipCode: null, reason: 'hangup', outcome: 'connected' });
    await answer('calls.end');
    expect(await ended).toEqual({ callId: 41, recording: 'saved' });
    expect(uploads).toEqual([41]);
    expect(methods().at(-1)).toBe('calls.setOutcome');
    await answer('calls.setOutcome');
    expect(await outcome).toEqual({ callId: 41 });
    expect(failures).toEqual([]);
  });

  it('a refused report is reported and the ones after it still go', async () => {
    const r = reporter();
    r.start(call());
    r.consent('out-1', true);
    const ended = r.ended(call({ type: 'call/answered', at: 2 }, { type: 'call/remote-bye', at: 3 }), blob(0));
    await answer('calls.start', { callId: 5 });
    await refuse('calls.setConsent', new Error('call 5 has already ended'));
    await refuse('calls.end', new Error('network'));
    expect(await ended).toEqual({ callId: 5, recording: null });
    expect(failures.map((f) => f.step)).toEqual(['consent', 'end']);
  });

  it('a recording main could not store is reported and marked failed', async () => {
    uploadFails = new Error('HTTP 413');
    const r = reporter();
    r.start(call());
    const ended = r.ended(call({ type: 'call/answered', at: 2 }, { type: 'call/hangup-local', at: 3 }), blob(5000));
    await answer('calls.start', { callId: 6 });
    await answer('calls.end');
    expect(await ended).toEqual({ callId: 6, recording: 'failed' });
    expect(failures).toEqual([{ step: 'recording', error: uploadFails }]);
  });

  it('an outcome main refused is reported, and the call without a row has none to store', async () => {
    const r = reporter();
    r.start(call());
    await answer('calls.start', { callId: 9 });
    const refused = r.outcome('out-1', 9, 'no_answer');
    await refuse('calls.setOutcome', new Error('conflict'));
    expect(await refused).toBe('failed');
    expect(failures.map((f) => f.step)).toEqual(['outcome']);
    expect(await r.outcome('never-started', null, 'no_answer')).toBe('no-row');
  });

  it('a caller turned away while busy is kept as a missed call, or reported with the number', async () => {
    const r = reporter();
    const kept = r.missed('13700137000');
    await answer('calls.start', { callId: 12 });
    await answer('calls.end');
    await kept;
    expect(sent.map((p) => [p.method, p.input])).toEqual([
      ['calls.start', { direction: 'inbound', number: '13700137000' }],
      ['calls.end', { callId: 12, endedBy: 'system', sipCode: 486, reason: 'busy_here' }],
    ]);
    const lost = r.missed('');
    await refuse('calls.start', new Error('unauthenticated'));
    await lost;
    expect(failures).toEqual([{ step: 'missed', error: new Error('unauthenticated'), number: 'anonymous' }]);
  });
});
