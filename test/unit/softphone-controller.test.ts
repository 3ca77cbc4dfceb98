import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VoiceProvider } from '../../src/shared/contract/calls';
import { SoftphoneController } from '../../src/renderer/features/softphone/controller';
import type { SoftphoneApi, SoftphoneDeps } from '../../src/renderer/features/softphone/deps';
import type { AdapterOptions } from '../../src/renderer/features/softphone/sip-adapter';
import { TwilioCallAdapter } from '../../src/renderer/features/twilio-voice/twilio-call-adapter';
import type { VoiceAdapter } from '../../src/renderer/features/voice/voice-adapter';

// The softphone controller with its API and adapter factory injected: main answers from a table
// (each method's answer may fail), SIP is a stub adapter that dials at once, Twilio the real
// adapter over the faked API. Registration failures as the badge sees them, which call a patient
// picked on the screen pop is linked to, the no-answer timer, and failures told to the nurse.

vi.mock('../../src/renderer/features/softphone/audio', () => ({
  TonePlayer: class {
    play = async () => undefined;
    stop = () => undefined;
    dispose = () => undefined;
  },
}));

interface Main {
  calls: { method: string; input: unknown }[];
  answers: Record<string, (input: unknown) => unknown>;
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const refusal = (message: string) => Object.assign(new Error(message), { code: 'internal' });

let main: Main;
let options: AdapterOptions | null;
let adapter: VoiceAdapter | null;

function sipStub(): VoiceAdapter {
  const none = async () => undefined;
  return {
    provider: 'sip',
    canHold: true,
    credentialsFailure: 'credentials',
    ladder: [],
    credentials: async () => ({}),
    start: none,
    stop: none,
    dispose: () => undefined,
    dial: none,
    answer: none,
    hangup: none,
    setMute: () => undefined,
    setHold: none,
    sendDtmf: () => undefined,
    setMic: async () => null,
    setSpeaker: none,
  };
}

function softphone(more: Partial<SoftphoneDeps> = {}): SoftphoneController {
  const api = {
    call: async (method: string, input?: unknown) => {
      main.calls.push({ method, input });
      return main.answers[method] ? main.answers[method](input) : {};
    },
  } as unknown as SoftphoneApi;
  const createAdapter = (provider: VoiceProvider, o: AdapterOptions): VoiceAdapter => {
    options = o;
    adapter = provider === 'twilio' ? new TwilioCallAdapter({ ...o, token: () => api.call('calls.twilioToken') }) : sipStub();
    return adapter;
  };
  return new SoftphoneController({ api, createAdapter, uploadRecording: async () => ({ bytes: 1 }), now: () => 1000, ...more });
}

const sent = (method: string) => main.calls.filter((c) => c.method === method).map((c) => c.input);
const notices = (c: SoftphoneController) =>
  c.getSnapshot().notices.map((n) => ({ key: n.key, level: n.level, params: n.params, error: (n.error as Error | undefined)?.message }));

beforeEach(() => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('navigator', {});
  options = null;
  adapter = null;
  let callId = 0;
  main = {
    calls: [],
    answers: { 'softphone.voice': () => ({ provider: 'sip' }), 'calls.start': () => ({ callId: ++callId }), 'calls.lookupCaller': () => [] },
  };
});
afterEach(() => vi.unstubAllGlobals());

describe('softphone controller: registration failures', () => {
  it("says the Twilio token could not be had, with main's reason, instead of the SIP password text", async () => {
    const refused = Object.assign(new Error('未配置 Twilio 语音 (Twilio voice is not configured: twilio.voice.twimlAppSid)'), { code: 'invalid_input' });
    main.answers['softphone.voice'] = () => ({ provider: 'twilio' });
    main.answers['calls.twilioToken'] = () => Promise.reject(refused);
    const c = softphone();
    await c.start();
    expect(c.getSnapshot().state.provider.name).toBe('twilio');
    expect(c.getSnapshot().state.registration).toMatchObject({ status: 'failed', failure: 'token', detail: refused.message });
    c.dispose();
  });

  it('still blames the saved password when the SIP credentials cannot be read', async () => {
    const c = softphone();
    adapter!.credentials = () => Promise.reject(new Error('cannot decrypt'));
    await c.start();
    expect(c.getSnapshot().state.registration).toMatchObject({ status: 'failed', failure: 'credentials' });
    c.dispose();
  });

  it('shows "not set up" without starting when main has no SIP account yet (null, not an error)', async () => {
    const c = softphone();
    let started = false;
    adapter!.credentials = async () => null;
    adapter!.start = async () => {
      started = true;
    };
    await c.start();
    expect(c.getSnapshot().state.registration.status).toBe('unconfigured');
    expect(started).toBe(false);
    c.dispose();
  });
});

async function ringing(uid: string, number: string) {
  const c = softphone();
  const o = options!;
  o.dispatch({ type: 'reg/registered', at: 1 });
  o.dispatch({ type: 'call/incoming', at: 2, uid, number });
  o.onIncoming(uid, number, null);
  await tick();
  return { c, o };
}

describe('softphone controller: linking the caller picked on the screen pop', () => {
  it('a lookup answering after the caller gave up leaves the call dialled since from a task alone', async () => {
    let answer!: (m: unknown) => void;
    main.answers['calls.lookupCaller'] = () => new Promise((r) => (answer = r));
    const { c, o } = await ringing('in-1', '13900139000');
    o.dispatch({ type: 'call/remote-cancel', at: 3 });
    await tick();
    expect(c.dial({ number: '13800138000', patientId: 7, taskId: 70 })).toBe(true);
    await tick();
    answer([{ patientId: 8, openTaskId: null }]);
    await tick();
    expect(c.getSnapshot().state.call).toMatchObject({ direction: 'outbound', patientId: 7, taskId: 70 });
    expect(sent('calls.link')).toEqual([]);
    c.dispose();
  });

  it("links the open task, keeps the call's task when there is none, and un-links only when the patient changes", async () => {
    const { c } = await ringing('in-2', '13900139001');
    c.choosePatient(5, 50);
    c.choosePatient(5, null);
    expect(c.getSnapshot().state.call).toMatchObject({ patientId: 5, taskId: 50 });
    c.choosePatient(6, null);
    expect(c.getSnapshot().state.call).toMatchObject({ patientId: 6, taskId: null });
    await tick();
    expect(sent('calls.link')).toEqual([
      { callId: 1, patientId: 5, taskId: 50 },
      { callId: 1, patientId: 5 },
      { callId: 1, patientId: 6, taskId: null },
    ]);
    c.dispose();
  });

  it('a lookup that fails shows the caller as unknown and tells the nurse why', async () => {
    main.answers['calls.lookupCaller'] = () => Promise.reject(refusal('database is locked'));
    const { c } = await ringing('in-3', '13900139002');
    expect(c.getSnapshot().screenPop).toMatchObject({ uid: 'in-3', loading: false, matches: [] });
    expect(notices(c)).toEqual([{ key: 'softphone.failure.lookup', level: 'error', params: undefined, error: 'database is locked' }]);
    c.dispose();
  });
});

describe('softphone controller: an outgoing call nobody answers', () => {
  afterEach(() => vi.useRealTimers());

  async function dialled() {
    vi.useFakeTimers();
    const c = softphone();
    const o = options!;
    const hangup = vi.spyOn(adapter!, 'hangup');
    o.dispatch({ type: 'reg/registered', at: 1 });
    expect(c.dial({ number: '13800138000' })).toBe(true);
    o.dispatch({ type: 'call/progress', at: 2, code: 180 });
    return { c, o, hangup };
  }

  it('is given up after the no-answer time, whichever provider carries it, with that reason', async () => {
    const { c, hangup } = await dialled();
    await vi.advanceTimersByTimeAsync(44_000);
    expect(c.getSnapshot().state.call?.phase).toBe('ringing');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(c.getSnapshot().state.call).toMatchObject({ phase: 'ended', end: { by: 'system', reason: 'no_answer_timeout', suggested: 'no_answer' } });
    expect(hangup).toHaveBeenCalledTimes(1);
    c.dispose();
  });

  it('is left alone once answered', async () => {
    const { c, o, hangup } = await dialled();
    o.dispatch({ type: 'call/answered', at: 3 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.getSnapshot().state.call?.phase).toBe('connected');
    expect(hangup).not.toHaveBeenCalled();
    c.dispose();
  });
});

describe('softphone controller: what could not be saved is told to the nurse', () => {
  async function talkedAndEnded(c: SoftphoneController) {
    const o = options!;
    o.dispatch({ type: 'reg/registered', at: 1 });
    expect(c.dial({ number: '13800138000', patientId: 7, taskId: 70 })).toBe(true);
    o.dispatch({ type: 'call/answered', at: 2 });
    c.hangup();
    o.dispatch({ type: 'call/hangup-local', at: 3 });
    await tick();
    await tick();
  }

  it('a call main refused to store: an error notice, and the call still ends for the nurse', async () => {
    main.answers['calls.start'] = () => Promise.reject(refusal('disk full'));
    const c = softphone();
    const ended = vi.fn();
    c.onCallEnded(ended);
    await talkedAndEnded(c);
    expect(notices(c)).toEqual([{ key: 'softphone.failure.start', level: 'error', params: undefined, error: 'disk full' }]);
    expect(sent('calls.answered')).toEqual([]);
    expect(sent('calls.end')).toEqual([]);
    expect(ended).toHaveBeenCalledWith(expect.objectContaining({ phase: 'ended', callId: null }));
    c.dispose();
  });

  it('an outcome main refused keeps the call open to try again; the second try closes it', async () => {
    const c = softphone();
    const confirmed = vi.fn();
    c.onOutcomeConfirmed(confirmed);
    await talkedAndEnded(c);
    main.answers['calls.setOutcome'] = () => Promise.reject(refusal('busy'));
    await c.confirmOutcome('connected');
    expect(c.getSnapshot().state.call?.phase).toBe('ended');
    expect(notices(c).map((n) => n.key)).toEqual(['softphone.failure.outcome']);
    expect(confirmed).not.toHaveBeenCalled();

    main.answers['calls.setOutcome'] = () => ({ ok: true });
    await c.confirmOutcome('connected');
    expect(c.getSnapshot().state.call).toBeNull();
    expect(confirmed).toHaveBeenCalledWith({ callId: 1, taskId: 70, outcome: 'connected' });
    c.dispose();
  });

  it('a second caller while busy is kept as a missed call (486), through onBusy, not a uid prefix', async () => {
    const c = softphone();
    options!.onBusy('13700137000', null);
    await tick();
    expect(sent('calls.start')).toEqual([{ direction: 'inbound', number: '13700137000' }]);
    expect(sent('calls.end')).toEqual([{ callId: 1, endedBy: 'system', sipCode: 486, reason: 'busy_here' }]);
    expect(c.getSnapshot().screenPop).toBeNull();

    main.answers['calls.end'] = () => Promise.reject(refusal('gone'));
    options!.onBusy('', null);
    await tick();
    expect(notices(c)).toEqual([{ key: 'softphone.failure.missed', level: 'error', params: { number: 'anonymous' }, error: 'gone' }]);
    c.dispose();
  });

  it('a speaker that cannot be switched to is told, as a failure, not dropped', async () => {
    const headset = { deviceId: 'usb-headset', label: 'USB headset', kind: 'audiooutput' };
    vi.stubGlobal('navigator', { mediaDevices: { enumerateDevices: async () => [headset], removeEventListener: () => undefined } });
    const c = softphone();
    adapter!.setSpeaker = () => Promise.reject(Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' }));
    await c.refreshDevices();
    c.setDevice('speaker', 'usb-headset');
    await tick();
    expect(notices(c)).toEqual([{ key: 'softphone.failure.speaker', level: 'error', params: undefined, error: 'Requested device not found' }]);
    c.dismissNotice(c.getSnapshot().notices[0].id);
    expect(c.getSnapshot().notices).toEqual([]);
    c.dispose();
  });
});
