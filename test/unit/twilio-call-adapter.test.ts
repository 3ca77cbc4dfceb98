import { describe, expect, it } from 'vitest';
import type { TwilioVoiceToken } from '../../src/shared/contract/messaging';
import { endReport, initialState, reduce, type Action, type SoftphoneState } from '../../src/renderer/features/softphone/state';
import { TwilioCallAdapter } from '../../src/renderer/features/twilio-voice/twilio-call-adapter';
import { FakeCall, FakeDevice, stream } from '../helpers/twilio-voice-fakes';

// The Twilio adapter fed by a fake Voice SDK (test/helpers/twilio-voice-fakes.ts, events as in
// the SDK's type definitions).// The reducer (state.ts) turns the adapter's actions into the states asserted here.

const tick = () => new Promise((r) => setTimeout(r, 0));

/** `token`: main's answer to the n-th calls.twilioToken (default: a fresh token every time). */
async function setup(token?: (n: number) => Promise<TwilioVoiceToken>) {
  let state: SoftphoneState = initialState(0);
  let n = 0;
  let t = 1000;
  const phases: string[] = [];
  const regs: string[] = [];
  const log = { incoming: [] as string[][], busy: [] as string[], established: [] as unknown[][], terminated: [] as string[] };
  let device: FakeDevice | null = null;
  const dispatch = (a: Action) => {
    const prev = state;
    state = reduce(state, a);
    if (state.call && state.call.phase !== prev.call?.phase) phases.push(state.call.phase);
    if (state.registration.status !== prev.registration.status) regs.push(state.registration.status);
  };
  const adapter = new TwilioCallAdapter({
    dispatch,
    now: () => (t += 10),
    mic: () => 'headset-mic',
    speaker: () => 'headset-out',
    onIncoming: (uid, number) => log.incoming.push([uid, number]),
    onBusy: (number) => log.busy.push(number),
    onEstablished: (uid, local, remote) => log.established.push([uid, local, remote]),
    onTerminated: (uid) => log.terminated.push(uid),
    token: async () => (token ? token(++n) : { token: `jwt-${++n}`, identity: 'nurse1', ttlSeconds: 3600, expiresAt: '' }),
    createDevice: async (token, options) => (device = new FakeDevice(token, options)),
  });
  // What the controller does: provider into the state, credentials from main, then start.
  dispatch({ type: 'reg/provider', provider: adapter.provider, hold: adapter.canHold });
  dispatch({ type: 'reg/connecting', at: 0 });
  await adapter.start(await adapter.credentials());
  const dial = async (number: string) => {
    const p = adapter.dial('out-1', number);
    dispatch({ type: 'call/dial', at: t, uid: 'out-1', number });
    await p;
    return device!.calls.at(-1)!;
  };
  return { adapter, dispatch, phases, regs, log, dial, state: () => state, device: () => device! };
}

describe('Twilio call adapter → softphone reducer', () => {
  it('registers with the token main minted, and says hold is unsupported', async () => {
    const s = await setup();
    expect(s.regs).toEqual(['connecting', 'registering', 'registered']);
    expect(s.device().tokens).toEqual(['jwt-1']);
    expect(s.state().provider).toEqual({ name: 'twilio', hold: false });
  });

  it('outgoing: ringing, answered (streams to the recorder), then the patient hangs up', async () => {
    const s = await setup();
    const call = await s.dial('138-0013-8000');
    expect(s.device().dialled).toEqual([{ To: '13800138000' }]);
    expect(s.device().inputs).toEqual(['headset-mic']);
    call.emit('ringing', false);
    call.emit('accept', call);
    expect(s.log.established).toEqual([['out-1', stream('local'), stream('remote')]]);
    expect(s.device().speakers).toEqual(['headset-out']);
    call.emit('disconnect', call);
    await tick();
    expect(s.phases).toEqual(['dialling', 'ringing', 'connected', 'ended']);
    const c = s.state().call!;
    expect(c.end).toMatchObject({ by: 'remote', reason: 'bye', suggested: 'connected' });
    expect(c.answeredAt).not.toBeNull();
    expect(s.log.terminated).toEqual(['out-1']);
    expect(s.device().inputs.at(-1)).toBe('(unset)');
  });

  it.each([
    [{ code: 31486, message: 'BusyHere (31486): The callee is busy.' }, 486, 'busy'],
    [{ code: 31404, message: 'NotFound (31404)' }, 404, 'invalid_number'],
    [{ code: 31480, message: 'TemporarilyUnavailable (31480)' }, 480, 'powered_off'],
    [{ code: 31005, message: 'Error sent from gateway in HANGUP', originalError: { code: 31600 } }, 600, 'busy'],
  ])('outgoing refused by the far end (%o): outcome pre-filled from the relayed SIP code', async (error, sipCode, outcome) => {
    const s = await setup();
    const call = await s.dial('13800138000');
    call.emit('ringing', false);
    // call.js _onHangup: the gateway's HANGUP with an error emits 'error', then 'disconnect'.
    call.emit('error', error);
    call.emit('disconnect', call);
    await tick();
    expect(s.phases).toEqual(['dialling', 'ringing', 'ended']);
    expect(s.state().call!.end).toMatchObject({ by: 'remote', reason: 'rejected', sipCode, suggested: outcome });
  });

  it('incoming accepted, then hung up by the nurse', async () => {
    const s = await setup();
    const call = new FakeCall({ CallSid: 'CA1', From: '+8613900139000' });
    s.device().emit('incoming', call);
    expect(s.log.incoming).toEqual([['CA1', '+8613900139000']]);
    await s.adapter.answer();
    expect(call.accepted).toBe(1);
    call.emit('accept', call);
    expect(s.log.established).toHaveLength(1);
    await s.adapter.hangup();
    await tick();
    expect(s.phases).toEqual(['incoming', 'connecting', 'connected', 'ended']);
    expect(s.state().call!.end).toMatchObject({ by: 'local', reason: 'hangup', suggested: null });
  });

  it('incoming cancelled by the caller is a missed call (inbound, never answered)', async () => {
    const s = await setup();
    const call = new FakeCall({ CallSid: 'CA2', From: 'client:ward3' });
    s.device().emit('incoming', call);
    call.emit('cancel');
    expect(s.phases).toEqual(['incoming', 'ended']);
    const c = s.state().call!;
    expect(c.answeredAt).toBeNull();
    expect(c.number).toBe('ward3');
    // What the controller sends as calls.end; main marks an unanswered inbound call missed.
    expect(endReport(c)).toEqual({ endedBy: 'remote', sipCode: 487, reason: 'remote_cancel', outcome: null });
    expect(s.log.terminated).toEqual(['CA2']);
  });

  it('the nurse declines an incoming call: reject, not disconnect', async () => {
    const s = await setup();
    const call = new FakeCall({ CallSid: 'CA3', From: '+8613900139000' });
    s.device().emit('incoming', call);
    await s.adapter.hangup();
    expect(s.state().call!.end).toMatchObject({ by: 'local', reason: 'declined' });
    expect(s.log.terminated).toEqual(['CA3']);
  });

  it('refreshes the token before it expires and once after an expiry; a refused token fails registration', async () => {
    const s = await setup();
    s.device().emit('tokenWillExpire', s.device());
    await tick();
    expect(s.device().tokens).toEqual(['jwt-1', 'jwt-2']);
    s.device().emit('error', { code: 20104, message: 'AccessTokenExpired' });
    await tick();
    expect(s.device().tokens).toEqual(['jwt-1', 'jwt-2', 'jwt-3']);
    expect(s.state().registration.status).toBe('registered');
    s.device().emit('error', { code: 20101, message: 'AccessTokenInvalid' });
    expect(s.state().registration).toMatchObject({ status: 'failed', failure: 'token' });
  });

  it("main refusing a fresh token says the Twilio token is missing, with main's reason (not the SIP password)", async () => {
    const refusal = Object.assign(new Error('未配置 Twilio 语音 (Twilio voice is not configured: twilio.voice.twimlAppSid)'), { code: 'invalid_input' });
    const s = await setup(async (n) => {
      if (n > 1) throw refusal;
      return { token: 'jwt-1', identity: 'nurse1', ttlSeconds: 3600, expiresAt: '' };
    });
    expect(s.adapter.credentialsFailure).toBe('token');
    s.device().emit('tokenWillExpire', s.device());
    await tick();
    expect(s.state().registration).toMatchObject({ status: 'failed', failure: 'token', detail: expect.stringContaining('未配置 Twilio 语音') });
  });

  it('a second caller during a call, or while dialling, is rejected and kept as a missed call (onBusy), as on SIP', async () => {
    const s = await setup();
    const call = await s.dial('13800138000');
    call.emit('accept', call);
    const second = new FakeCall({ CallSid: 'CA9', From: '+8613700137000' });
    s.device().invite(second);
    expect(second.rejected).toBe(1);
    expect(s.log.busy).toEqual(['+8613700137000']);
    expect(s.log.incoming).toEqual([]);
    expect(s.state().call).toMatchObject({ uid: 'out-1', phase: 'connected' });
    call.emit('disconnect', call);
    await tick();

    // Before device.connect() has resolved, the SDK knows of no call: the adapter does.
    const dialling = s.adapter.dial('out-2', '13800138001');
    s.dispatch({ type: 'call/dial', at: 1, uid: 'out-2', number: '13800138001' });
    const third = new FakeCall({ CallSid: 'CA10', From: '+8613700137001' });
    s.device().invite(third);
    await dialling;
    expect(third.rejected).toBe(1);
    expect(s.log.busy).toEqual(['+8613700137000', '+8613700137001']);
    expect(s.log.incoming).toEqual([]);
    expect(s.state().call).toMatchObject({ uid: 'out-2', phase: 'dialling' });
  });

  it('signalling lost and back: offline (unreachable), then registered again', async () => {
    const s = await setup();
    s.device().emit('unregistered');
    expect(s.state().registration).toMatchObject({ status: 'offline', failure: 'unreachable' });
    s.device().emit('registered');
    expect(s.state().registration.status).toBe('registered');
  });

  it('mute and DTMF reach the call; hold is refused without pretending', async () => {
    const s = await setup();
    const call = await s.dial('13800138000');
    call.emit('accept', call);
    s.adapter.setMute(true);
    s.adapter.sendDtmf('5');
    s.adapter.sendDtmf('#');
    s.adapter.sendDtmf('A'); // sendDigits only takes 0-9 * #
    expect(call.muted).toEqual([true]);
    expect(call.digits).toEqual(['5', '#']);
    expect(s.state().call).toMatchObject({ muted: true, dtmf: '5#' });
    const before = s.state();
    await s.adapter.setHold(true);
    s.dispatch({ type: 'call/hold-request', on: true });
    expect(s.state()).toBe(before);
    expect(await s.adapter.setMic('usb-2')).toEqual(stream('local'));
    expect(s.device().inputs.at(-1)).toBe('usb-2');
  });

  it('gives up an unanswered call that the nurse cancels while device.connect() is pending', async () => {
    const s = await setup();
    const p = s.adapter.dial('out-1', '13800138000');
    s.dispatch({ type: 'call/dial', at: 1, uid: 'out-1', number: '13800138000' });
    await s.adapter.hangup();
    await p;
    await tick();
    expect(s.state().call!.end).toMatchObject({ by: 'local', reason: 'cancel', suggested: 'cancelled' });
    expect(s.log.terminated).toEqual(['out-1']);
  });
});
