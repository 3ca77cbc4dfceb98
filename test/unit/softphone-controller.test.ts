import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SoftphoneController } from '../../src/renderer/features/softphone/controller';
import type { VoiceAdapter, VoiceAdapterOptions } from '../../src/renderer/features/softphone/voice-adapter';

// The softphone controller with main's API faked (api.call), no audio elements, and a stub
// adapter for SIP: registration failures as the badge sees them, and which call a patient
// picked on the screen pop is linked to (calls.link).

const h = vi.hoisted(() => ({
  calls: [] as { method: string; input: unknown }[],
  answers: {} as Record<string, (input: unknown) => unknown>,
  adapter: null as VoiceAdapterOptions | null,
}));

vi.mock('../../src/renderer/api/client', () => ({
  api: {
    call: async (method: string, input?: unknown) => {
      h.calls.push({ method, input });
      return h.answers[method] ? h.answers[method](input) : {};
    },
    on: () => () => undefined,
  },
}));

vi.mock('../../src/renderer/features/softphone/audio', () => ({
  TonePlayer: class {
    play = async () => undefined;
    stop = () => undefined;
    dispose = () => undefined;
  },
}));

// Twilio: the real adapter (its token comes from the faked api); SIP: a stub that dials at once.
vi.mock('../../src/renderer/features/softphone/adapter-factory', async (original) => {
  const real = await original<typeof import('../../src/renderer/features/softphone/adapter-factory')>();
  return {
    createVoiceAdapter: (provider: 'sip' | 'twilio', o: VoiceAdapterOptions & { iceGatheringTimeout: number }): VoiceAdapter => {
      h.adapter = o;
      if (provider === 'twilio') return real.createVoiceAdapter(provider, o);
      const none = async () => undefined;
      return {
        provider: 'sip', canHold: true, credentialsFailure: 'credentials', ladder: [],
        credentials: async () => ({}), start: none, stop: none, dispose: () => undefined, dial: none, answer: none, hangup: none,
        setMute: () => undefined, setHold: none, sendDtmf: () => undefined, setMic: async () => null, setSpeaker: none,
      };
    },
  };
});

const tick = () => new Promise((r) => setTimeout(r, 0));
const linked = () => h.calls.filter((c) => c.method === 'calls.link').map((c) => c.input);

beforeEach(() => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('navigator', {});
  h.calls = [];
  h.adapter = null;
  let callId = 0;
  h.answers = { 'softphone.voice': () => ({ provider: 'sip' }), 'calls.start': () => ({ callId: ++callId }), 'calls.lookupCaller': () => [] };
});
afterEach(() => vi.unstubAllGlobals());

describe('softphone controller: registration failures', () => {
  it('says the Twilio token could not be had, with main\'s reason, instead of the SIP password text', async () => {
    const refusal = Object.assign(new Error('未配置 Twilio 语音 (Twilio voice is not configured: twilio.voice.twimlAppSid)'), { code: 'invalid_input' });
    h.answers['softphone.voice'] = () => ({ provider: 'twilio' });
    h.answers['calls.twilioToken'] = () => Promise.reject(refusal);
    const c = new SoftphoneController(() => 1000);
    await c.start();
    expect(c.getSnapshot().state.provider.name).toBe('twilio');
    expect(c.getSnapshot().state.registration).toMatchObject({ status: 'failed', failure: 'token', detail: refusal.message });
    c.dispose();
  });

  it('still blames the saved password when the SIP credentials cannot be read', async () => {
    const c = new SoftphoneController(() => 1000);
    (c as unknown as { adapter: VoiceAdapter }).adapter.credentials = () => Promise.reject(new Error('cannot decrypt'));
    await c.start();
    expect(c.getSnapshot().state.registration).toMatchObject({ status: 'failed', failure: 'credentials' });
    c.dispose();
  });
});

describe('softphone controller: linking the caller picked on the screen pop', () => {
  async function ringing(uid: string, number: string) {
    const c = new SoftphoneController(() => 1000);
    const o = h.adapter!;
    o.dispatch({ type: 'reg/registered', at: 1 });
    o.dispatch({ type: 'call/incoming', at: 2, uid, number });
    o.onIncoming(uid, number, null);
    await tick();
    return { c, o };
  }

  it('a lookup answering after the caller gave up leaves the call dialled since from a task alone', async () => {
    let answer!: (m: unknown) => void;
    h.answers['calls.lookupCaller'] = () => new Promise((r) => (answer = r));
    const { c, o } = await ringing('in-1', '13900139000');
    o.dispatch({ type: 'call/remote-cancel', at: 3 });
    await tick();
    expect(c.dial({ number: '13800138000', patientId: 7, taskId: 70 })).toBe(true);
    await tick();
    answer([{ patientId: 8, openTaskId: null }]);
    await tick();
    expect(c.getSnapshot().state.call).toMatchObject({ direction: 'outbound', patientId: 7, taskId: 70 });
    expect(linked()).toEqual([]);
    c.dispose();
  });

  it('links the open task, keeps the call\'s task when there is none, and un-links only when the patient changes', async () => {
    const { c } = await ringing('in-2', '13900139001');
    c.choosePatient(5, 50);
    c.choosePatient(5, null);
    expect(c.getSnapshot().state.call).toMatchObject({ patientId: 5, taskId: 50 });
    c.choosePatient(6, null);
    expect(c.getSnapshot().state.call).toMatchObject({ patientId: 6, taskId: null });
    await tick();
    expect(linked()).toEqual([{ callId: 1, patientId: 5, taskId: 50 }, { callId: 1, patientId: 5 }, { callId: 1, patientId: 6, taskId: null }]);
    c.dispose();
  });
});

describe('softphone controller: an outgoing call nobody answers', () => {
  afterEach(() => vi.useRealTimers());

  async function dialled() {
    vi.useFakeTimers();
    const c = new SoftphoneController(() => 1000);
    const o = h.adapter!;
    const adapter = (c as unknown as { adapter: VoiceAdapter }).adapter;
    const hangup = vi.spyOn(adapter, 'hangup');
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
