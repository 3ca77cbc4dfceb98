import { describe, expect, it } from 'vitest';
import { BACKOFF_STEPS_MS, backoffDelay } from '../../src/renderer/features/voice/backoff';
import { endedByOfCode, outcomeOfCode, regFailureOfCode } from '../../src/renderer/features/softphone/sip-codes';
import { endReport, initialState, recordingDue, reduce, talkSeconds, type Action, type SoftphoneState } from '../../src/renderer/features/softphone/state';

const run = (actions: Action[], from: SoftphoneState = initialState(0)) => actions.reduce(reduce, from);
const registered = () =>
  run([
    { type: 'reg/connecting', at: 1 },
    { type: 'reg/connected', at: 2 },
    { type: 'reg/registered', at: 3 },
  ]);
const dial: Action = { type: 'call/dial', at: 10, uid: 's1', number: '13800138000', patientId: 7, taskId: 9, consent: true };
const dialled = () => run([dial, { type: 'call/invite-sent', at: 12 }], registered());
const ringing = () => run([{ type: 'call/progress', at: 20, code: 180 }], dialled());
const connected = () => run([{ type: 'call/answered', at: 1000 }], ringing());
const incoming = () => run([{ type: 'call/incoming', at: 10, uid: 'in1', number: '13900139000', displayName: '张三' }], registered());

describe('registration', () => {
  it('goes connecting → registering → registered', () => {
    const s0 = run([{ type: 'reg/connecting', at: 1 }]);
    expect(s0.registration.status).toBe('connecting');
    const s1 = reduce(s0, { type: 'reg/connected', at: 2 });
    expect(s1.registration.status).toBe('registering');
    const s2 = reduce(s1, { type: 'reg/registered', at: 3 });
    expect(s2.registration).toMatchObject({ status: 'registered', failure: null, attempt: 0, since: 3 });
  });

  it('says why a REGISTER was refused', () => {
    const wrong = run([{ type: 'reg/rejected', at: 5, code: 401, detail: 'Unauthorized' }], registered());
    expect(wrong.registration).toMatchObject({ status: 'failed', failure: 'auth', sipCode: 401 });
    expect(run([{ type: 'reg/rejected', at: 5, code: 403 }]).registration.failure).toBe('forbidden');
    expect(run([{ type: 'reg/rejected', at: 5, code: 503 }]).registration.failure).toBe('server');
    expect(run([{ type: 'reg/rejected', at: 5, code: 408 }]).registration.failure).toBe('timeout');
  });

  it('keeps a refused password as the reason when the socket then closes', () => {
    const s = run(
      [
        { type: 'reg/rejected', at: 5, code: 401 },
        { type: 'reg/transport-lost', at: 6 },
      ],
      registered(),
    );
    expect(s.registration).toMatchObject({ status: 'failed', failure: 'auth' });
  });

  it('goes offline on transport loss, counts retries and comes back', () => {
    const lost = run([{ type: 'reg/transport-lost', at: 100, detail: 'closed' }], registered());
    expect(lost.registration).toMatchObject({ status: 'offline', failure: 'unreachable', detail: 'closed' });
    const retry = run([{ type: 'reg/retry-scheduled', at: 100, attempt: 1, delayMs: 500 }], lost);
    expect(retry.registration).toMatchObject({ attempt: 1, retryAt: 600 });
    const again = run(
      [
        { type: 'reg/connecting', at: 600 },
        { type: 'reg/transport-lost', at: 601 },
        { type: 'reg/retry-scheduled', at: 601, attempt: 2, delayMs: 1000 },
      ],
      retry,
    );
    expect(again.registration).toMatchObject({ status: 'offline', attempt: 2, retryAt: 1601 });
    const back = run(
      [
        { type: 'reg/connecting', at: 1601 },
        { type: 'reg/connected', at: 1602 },
        { type: 'reg/registered', at: 1603 },
      ],
      again,
    );
    expect(back.registration).toMatchObject({ status: 'registered', attempt: 0, retryAt: null });
  });

  it('ignores a retry schedule once no longer offline', () => {
    const s = registered();
    expect(reduce(s, { type: 'reg/retry-scheduled', at: 5, attempt: 1, delayMs: 10 })).toBe(s);
  });

  it('reports a CSP block, unreadable credentials, stop and unconfigured', () => {
    expect(run([{ type: 'reg/blocked', at: 1, detail: 'connect-src' }]).registration).toMatchObject({ status: 'failed', failure: 'blocked' });
    expect(run([{ type: 'reg/credentials-error', at: 1, detail: 'x' }]).registration).toMatchObject({ status: 'failed', failure: 'credentials' });
    expect(run([{ type: 'reg/stopped', at: 1 }], registered()).registration.status).toBe('stopped');
    expect(run([{ type: 'reg/unconfigured', at: 1 }], registered()).registration.status).toBe('unconfigured');
    expect(
      run([
        { type: 'reg/stopped', at: 1 },
        { type: 'reg/transport-lost', at: 2 },
      ]).registration.status,
    ).toBe('stopped');
  });
});

describe('outbound call', () => {
  it('dials, rings, connects and keeps the task context', () => {
    const d = dialled();
    expect(d.call).toMatchObject({ phase: 'dialling', direction: 'outbound', patientId: 7, taskId: 9, consent: true, inviteSentAt: 12 });
    expect(reduce(d, { type: 'call/progress', at: 15, code: 100 })).toBe(d);
    const r = ringing();
    expect(r.call).toMatchObject({ phase: 'ringing', lastCode: 180 });
    const c = connected();
    expect(c.call).toMatchObject({ phase: 'connected', answeredAt: 1000, lastCode: 200 });
    expect(run([{ type: 'call/progress', at: 1001, code: 183 }], c).call!.phase).toBe('connected');
  });

  it('refuses a second dial while a call is live', () => {
    const c = connected();
    expect(reduce(c, { ...dial, uid: 's2' }).call!.uid).toBe('s1');
    expect(reduce(c, { type: 'call/incoming', at: 2, uid: 'x', number: '1' }).call!.uid).toBe('s1');
  });

  it('local hang-up after the answer: ended by local, outcome connected', () => {
    const s = run([{ type: 'call/hangup-local', at: 61_000 }], connected());
    expect(s.call).toMatchObject({ phase: 'ended', endedAt: 61_000 });
    expect(s.call!.end).toMatchObject({ by: 'local', reason: 'hangup', suggested: 'connected' });
    expect(talkSeconds(s.call!, 999_999)).toBe(60);
    expect(endReport(s.call!)).toEqual({ endedBy: 'local', sipCode: null, reason: 'hangup', outcome: 'connected' });
  });

  it('remote BYE: ended by remote', () => {
    const s = run([{ type: 'call/remote-bye', at: 5000 }], connected());
    expect(s.call!.end).toMatchObject({ by: 'remote', reason: 'bye', suggested: 'connected' });
  });

  it('cancel while ringing suggests no answer, before ringing just cancelled', () => {
    expect(run([{ type: 'call/hangup-local', at: 30 }], ringing()).call!.end).toMatchObject({ by: 'local', reason: 'cancel', suggested: 'no_answer' });
    expect(run([{ type: 'call/hangup-local', at: 30 }], dialled()).call!.end).toMatchObject({ by: 'local', reason: 'cancel', suggested: 'cancelled' });
  });

  it.each([
    [486, 'remote', 'busy'],
    [404, 'remote', 'invalid_number'],
    [484, 'remote', 'invalid_number'],
    [480, 'remote', 'powered_off'],
    [603, 'remote', 'busy'],
    [408, 'system', 'no_answer'],
    [503, 'system', 'failed'],
    [407, 'system', 'failed'],
  ] as const)('final %i before the answer: ended by %s, suggests %s', (code, by, outcome) => {
    const s = run([{ type: 'call/rejected', at: 40, code }], ringing());
    expect(s.call!.end).toMatchObject({ by, reason: 'rejected', sipCode: code, suggested: outcome });
    expect(s.call!.lastCode).toBe(code);
  });

  it('a final error after the answer is ignored (re-INVITE failures are not the end)', () => {
    const c = connected();
    expect(reduce(c, { type: 'call/rejected', at: 2000, code: 488 })).toBe(c);
  });

  it('no-answer timeout: ended by the system', () => {
    const s = run([{ type: 'call/no-answer-timeout', at: 45_000 }], ringing());
    expect(s.call!.end).toMatchObject({ by: 'system', reason: 'no_answer_timeout', suggested: 'no_answer' });
    const c = connected();
    expect(reduce(c, { type: 'call/no-answer-timeout', at: 45_000 })).toBe(c);
  });

  it('lost media ends a connected call and says so; a stall only warns', () => {
    const stalled = run([{ type: 'call/media', state: 'stalled', at: 3000 }], connected());
    expect(stalled.call).toMatchObject({ phase: 'connected', media: 'stalled' });
    expect(run([{ type: 'call/media', state: 'ok', at: 3500 }], stalled).call!.media).toBe('ok');
    const lost = run([{ type: 'call/media', state: 'lost', at: 4000 }], stalled);
    expect(lost.call).toMatchObject({ phase: 'ended', media: 'lost' });
    expect(lost.call!.end).toMatchObject({ by: 'system', reason: 'media_failed', suggested: 'connected' });
  });

  it('local failure before the answer suggests failed', () => {
    const s = run([{ type: 'call/failed', at: 11, detail: 'NotAllowedError' }], dialled());
    expect(s.call!.end).toMatchObject({ by: 'system', reason: 'failed', suggested: 'failed', detail: 'NotAllowedError' });
  });

  it('sip.js termination without a cause: transport lost when offline, else terminated', () => {
    const offline = run(
      [
        { type: 'reg/transport-lost', at: 13 },
        { type: 'call/terminated', at: 14 },
      ],
      dialled(),
    );
    expect(offline.call!.end).toMatchObject({ by: 'system', reason: 'transport_lost' });
    const other = run([{ type: 'call/terminated', at: 14 }], dialled());
    expect(other.call!.end).toMatchObject({ by: 'system', reason: 'terminated' });
  });

  it('the first verdict stands: a late terminated or BYE changes nothing', () => {
    const s = run([{ type: 'call/hangup-local', at: 5000 }], connected());
    expect(reduce(s, { type: 'call/terminated', at: 5001 })).toBe(s);
    expect(reduce(s, { type: 'call/remote-bye', at: 5002 })).toBe(s);
  });

  it('marks signalling lost and regained during a call', () => {
    const lost = run([{ type: 'reg/transport-lost', at: 2000 }], connected());
    expect(lost.call).toMatchObject({ phase: 'connected', signalling: 'lost' });
    expect(run([{ type: 'reg/connected', at: 3000 }], lost).call!.signalling).toBe('ok');
  });

  it('records the stored id, links and recording state, and dismisses only ended calls', () => {
    let s = run(
      [
        { type: 'call/stored', callId: 42 },
        { type: 'call/recording', state: 'on' },
      ],
      connected(),
    );
    expect(s.call).toMatchObject({ callId: 42, recording: 'on' });
    expect(reduce(s, { type: 'call/dismiss' }).call).not.toBeNull();
    s = run(
      [
        { type: 'call/hangup-local', at: 9000 },
        { type: 'call/recording', state: 'saved' },
        { type: 'call/linked', patientId: 3 },
      ],
      s,
    );
    expect(s.call).toMatchObject({ recording: 'saved', patientId: 3, taskId: 9 });
    expect(reduce(s, { type: 'call/dismiss' }).call).toBeNull();
  });
});

describe('consent to record given during the call', () => {
  const consent = (on: boolean): Action => ({ type: 'call/consent', on });
  const unconsented = (
    upTo: Action[] = [
      { type: 'call/progress', at: 20, code: 180 },
      { type: 'call/answered', at: 1000 },
    ],
  ) => run([{ ...dial, consent: false }, { type: 'call/invite-sent', at: 12 }, ...upTo], registered());

  it('a call dialled without consent records nothing until she agrees, then is due to start', () => {
    const c = unconsented();
    expect(c.call).toMatchObject({ phase: 'connected', consent: false, recording: 'off' });
    expect(recordingDue(c.call)).toBe(false);
    const agreed = reduce(c, consent(true));
    expect(agreed.call).toMatchObject({ consent: true, recording: 'off' });
    expect(recordingDue(agreed.call)).toBe(true);
    // Once the controller has started the recorder nothing more is due.
    expect(recordingDue(run([{ type: 'call/recording', state: 'on' }], agreed).call)).toBe(false);
  });

  it('consent ticked while it rings waits for the answer', () => {
    const r = run([consent(true)], unconsented([{ type: 'call/progress', at: 20, code: 180 }]));
    expect(r.call).toMatchObject({ phase: 'ringing', consent: true });
    expect(recordingDue(r.call)).toBe(false);
    expect(recordingDue(run([{ type: 'call/answered', at: 1000 }], r).call)).toBe(true);
    // A dial with consent is due as soon as it is answered, as before.
    expect(recordingDue(connected().call)).toBe(true);
  });

  it('a withdrawal pauses the recording, a renewed consent resumes it', () => {
    const on = run([consent(true), { type: 'call/recording', state: 'on' }], unconsented());
    const paused = reduce(on, consent(false));
    expect(paused.call).toMatchObject({ consent: false, recording: 'paused' });
    expect(recordingDue(paused.call)).toBe(false);
    const resumed = reduce(paused, consent(true));
    expect(resumed.call).toMatchObject({ consent: true, recording: 'on' });
    expect(recordingDue(resumed.call)).toBe(false);
    // Hanging up while paused keeps the part recorded: the controller still uploads it.
    const ended = run([consent(false), { type: 'call/hangup-local', at: 9000 }, { type: 'call/recording', state: 'saved' }], resumed);
    expect(ended.call).toMatchObject({ phase: 'ended', recording: 'saved' });
  });

  it('changes nothing when the box says what the call already holds, or once the call has ended', () => {
    const c = unconsented();
    expect(reduce(c, consent(false))).toBe(c);
    const agreed = reduce(c, consent(true));
    expect(reduce(agreed, consent(true))).toBe(agreed);
    const hungUp = run([{ type: 'call/hangup-local', at: 5000 }], c);
    expect(reduce(hungUp, consent(true))).toBe(hungUp);
    expect(reduce(initialState(0), consent(true))).toEqual(initialState(0));
  });

  it('a withdrawal before anything records, or after the recorder failed, leaves the recording state', () => {
    const off = run([consent(true), consent(false)], unconsented());
    expect(off.call).toMatchObject({ consent: false, recording: 'off' });
    const failed = run([consent(true), { type: 'call/recording', state: 'failed' }, consent(false), consent(true)], unconsented());
    expect(failed.call).toMatchObject({ consent: true, recording: 'failed' });
    expect(recordingDue(failed.call)).toBe(false);
  });

  it('an incoming call can be recorded once the caller agrees', () => {
    const c = run([{ type: 'call/accept', at: 20 }, { type: 'call/answered', at: 30 }, consent(true)], incoming());
    expect(c.call).toMatchObject({ direction: 'inbound', consent: true });
    expect(recordingDue(c.call)).toBe(true);
  });
});

describe('in-call controls', () => {
  it('mute only while connected', () => {
    expect(run([{ type: 'call/mute', on: true }], connected()).call!.muted).toBe(true);
    expect(run([{ type: 'call/mute', on: true }], ringing()).call!.muted).toBe(false);
  });

  it('hold: request, result, failure, remote hold', () => {
    const asked = run([{ type: 'call/hold-request', on: true }], connected());
    expect(asked.call!.hold).toEqual({ local: false, remote: false, pending: true });
    // A second press while the re-INVITE is out is ignored.
    expect(reduce(asked, { type: 'call/hold-request', on: true })).toBe(asked);
    const held = run([{ type: 'call/hold-result', on: true, ok: true }], asked);
    expect(held.call!.hold).toEqual({ local: true, remote: false, pending: false });
    const failed = run(
      [
        { type: 'call/hold-request', on: false },
        { type: 'call/hold-result', on: false, ok: false },
      ],
      held,
    );
    expect(failed.call!.hold.local).toBe(true);
    expect(run([{ type: 'call/remote-hold', on: true }], held).call!.hold.remote).toBe(true);
    expect(run([{ type: 'call/hold-request', on: true }], ringing()).call!.hold.pending).toBe(false);
  });

  it('DTMF digits while connected only, valid ones only', () => {
    const s = run(
      [
        { type: 'call/dtmf', digit: '1' },
        { type: 'call/dtmf', digit: '#' },
        { type: 'call/dtmf', digit: 'x' },
      ],
      connected(),
    );
    expect(s.call!.dtmf).toBe('1#');
    expect(run([{ type: 'call/dtmf', digit: '1' }], ringing()).call!.dtmf).toBe('');
  });
});

describe('inbound call', () => {
  it('rings, is accepted, connects', () => {
    const i = incoming();
    expect(i.call).toMatchObject({ phase: 'incoming', direction: 'inbound', displayName: '张三' });
    const acc = run([{ type: 'call/accept', at: 20 }], i);
    expect(acc.call!.phase).toBe('connecting');
    const c = run([{ type: 'call/answered', at: 30 }], acc);
    expect(c.call).toMatchObject({ phase: 'connected', answeredAt: 30 });
    const bye = run([{ type: 'call/remote-bye', at: 4030 }], c);
    expect(bye.call!.end).toMatchObject({ by: 'remote', reason: 'bye', suggested: null });
  });

  it('the caller gives up: missed, ended by remote', () => {
    const s = run([{ type: 'call/remote-cancel', at: 5000 }], incoming());
    expect(s.call!.end).toMatchObject({ by: 'remote', reason: 'remote_cancel', sipCode: 487, suggested: null });
    expect(s.call!.answeredAt).toBeNull();
  });

  it('the nurse declines: ended by local', () => {
    const s = run([{ type: 'call/hangup-local', at: 2000 }], incoming());
    expect(s.call!.end).toMatchObject({ by: 'local', reason: 'declined', sipCode: 603, suggested: null });
  });

  it('remote cancel is ignored once connected', () => {
    const c = run(
      [
        { type: 'call/accept', at: 20 },
        { type: 'call/answered', at: 30 },
      ],
      incoming(),
    );
    expect(reduce(c, { type: 'call/remote-cancel', at: 40 })).toBe(c);
  });
});

describe('SIP code mapping', () => {
  it('maps final responses to outcomes', () => {
    expect(outcomeOfCode(200)).toBe('connected');
    expect(outcomeOfCode(486)).toBe('busy');
    expect(outcomeOfCode(600)).toBe('busy');
    expect(outcomeOfCode(604)).toBe('invalid_number');
    expect(outcomeOfCode(410)).toBe('invalid_number');
    expect(outcomeOfCode(487)).toBe('no_answer');
    expect(outcomeOfCode(488)).toBe('failed');
    expect(outcomeOfCode(500)).toBe('failed');
  });

  it('says who ended it and why a registration failed', () => {
    expect(endedByOfCode(486)).toBe('remote');
    expect(endedByOfCode(502)).toBe('system');
    expect(endedByOfCode(401)).toBe('system');
    expect(regFailureOfCode(407)).toBe('auth');
    expect(regFailureOfCode(404)).toBe('forbidden');
    expect(regFailureOfCode(500)).toBe('server');
  });
});

describe('backoff schedule', () => {
  it('grows from 0.5 s to a 30 s ceiling', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(n, mid))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(0, mid)).toBe(500);
  });

  it('jitters within ±20 %', () => {
    expect(backoffDelay(3, () => 0)).toBe(1600);
    expect(backoffDelay(3, () => 0.999999)).toBe(2400);
    expect(BACKOFF_STEPS_MS.at(-1)).toBe(30000);
  });

  it('reconnects within 10 s of a PBX that is back after 5 s, even with the slowest jitter', () => {
    let t = 0;
    let n = 1;
    while (t < 5000) t += backoffDelay(n++, () => 0.999999);
    expect(t).toBeLessThan(10_000);
  });
});
