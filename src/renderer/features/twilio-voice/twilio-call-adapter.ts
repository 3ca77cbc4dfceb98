import type { TwilioVoiceToken } from '../../../shared/contract/messaging';
import { dialUser } from '../voice/dial-user';
import { pushLadder, type LadderEntry, type VoiceAdapter, type VoiceAdapterOptions } from '../voice/voice-adapter';
import { TwilioCall } from './twilio-call';
import { TwilioRegistration } from './twilio-registration';
import { twilioToken } from './token-source';
import { TwilioVoice, type CallLike, type DeviceLike, type DeviceOptions } from './twilio-voice';

// Twilio's Voice SDK as the softphone's provider, beside the SIP adapter: the SDK's events in,
// the same reducer actions out. Registration: twilio-registration.ts; each call's events:
// twilio-call.ts; the Device's incoming(call) and the commands: here (es5/twilio/device.d.ts).
// Hold is no client-side feature of Twilio (it needs a conference on the server): canHold is false.

export interface TwilioAdapterOptions extends VoiceAdapterOptions {
  /** Tests inject a fake; default: the Voice SDK's Device, loaded on first use. */
  createDevice?: (token: string, options: DeviceOptions) => Promise<DeviceLike>;
  /** Default: calls.twilioToken from main. */
  token?: () => Promise<TwilioVoiceToken>;
}

export class TwilioCallAdapter implements VoiceAdapter<TwilioVoiceToken> {
  readonly provider = 'twilio' as const;
  readonly canHold = false;
  readonly credentialsFailure = 'token' as const;
  readonly ladder: LadderEntry[] = [];
  private readonly voice: TwilioVoice;
  private readonly reg: TwilioRegistration;
  private readonly token: () => Promise<TwilioVoiceToken>;
  /** The token credentials() fetched, used by the next registration. */
  private first: TwilioVoiceToken | null = null;
  private live: TwilioCall | null = null;
  /** An outgoing call waiting for device.connect(); the nurse may give up meanwhile. */
  private dialling: { cancelled: boolean } | null = null;

  constructor(private readonly o: TwilioAdapterOptions) {
    this.token = o.token ?? twilioToken;
    this.voice = new TwilioVoice({
      token: () => {
        const t = this.first;
        this.first = null;
        return t ? Promise.resolve(t) : this.token();
      },
      onStatus: (status, detail, error) => {
        this.log(`device ${status}${detail ? ` ${detail}` : ''}`);
        this.reg.onStatus(status, detail, error);
      },
      onIncoming: (call, from) => this.onIncoming(call, from),
      createDevice: o.createDevice,
    });
    this.reg = new TwilioRegistration({
      dispatch: o.dispatch,
      now: o.now,
      refresh: () => void this.voice.refresh(),
      restart: () => void this.voice.start(),
    });
  }

  /** Also the check that main can mint tokens: it refuses (invalid_input) when Twilio voice is not configured. */
  credentials(): Promise<TwilioVoiceToken> {
    return this.token();
  }

  async start(token: TwilioVoiceToken): Promise<void> {
    this.reg.start();
    this.first = token;
    await this.voice.start();
  }

  async stop(final = true): Promise<void> {
    this.reg.stop();
    if (this.live) await this.hangup();
    this.voice.stop();
    if (final) this.o.dispatch({ type: 'reg/stopped', at: this.o.now() });
  }

  dispose(): void {
    void this.stop();
  }

  // ---- calls ----

  async dial(uid: string, number: string): Promise<void> {
    if (!this.reg.registered) throw new Error('not registered');
    const dialling = (this.dialling = { cancelled: false });
    await this.useMic();
    const call = await this.voice.dial(dialUser(number)).finally(() => (this.dialling = null));
    this.o.dispatch({ type: 'call/invite-sent', at: this.o.now() });
    const live = this.bind(call, uid, 'outbound');
    if (dialling.cancelled) {
      live.endingLocally = true;
      return call.disconnect();
    }
  }

  private onIncoming(call: CallLike, from: string | null): void {
    const number = (from ?? '').replace(/^client:/, '');
    const uid = call.parameters?.CallSid ?? `twilio-in-${this.o.now()}`;
    if (this.live || this.dialling) {
      // One call at a time (the SDK raises a second caller: allowIncomingWhileBusy): rejected,
      // and kept as a missed call, as SIP answers 486.
      call.reject();
      return this.o.onBusy(number, null);
    }
    this.bind(call, uid, 'inbound');
    this.o.dispatch({ type: 'call/incoming', at: this.o.now(), uid, number, displayName: null });
    this.o.onIncoming(uid, number, null);
  }

  async answer(): Promise<void> {
    const live = this.live;
    if (!live || live.direction !== 'inbound' || live.answered || live.accepting) return;
    live.accepting = true;
    this.o.dispatch({ type: 'call/accept', at: this.o.now() });
    await this.useMic();
    if (this.live === live && !live.endingLocally) live.call.accept();
  }

  /** Cancels, declines or hangs up, depending on where the call is. */
  async hangup(): Promise<void> {
    const live = this.live;
    if (!live) {
      if (this.dialling && !this.dialling.cancelled) {
        this.dialling.cancelled = true;
        this.o.dispatch({ type: 'call/hangup-local', at: this.o.now() });
      }
      return;
    }
    if (live.endingLocally) return;
    live.endingLocally = true;
    this.o.dispatch({ type: 'call/hangup-local', at: this.o.now() });
    if (live.direction === 'inbound' && !live.answered && !live.accepting) live.call.reject();
    else live.call.disconnect();
  }

  setMute(on: boolean): void {
    if (!this.live) return;
    this.live.call.mute(on);
    this.o.dispatch({ type: 'call/mute', on });
  }

  /** Not offered (canHold is false): pretending would leave the patient listening. */
  setHold(_on: boolean): Promise<void> {
    return Promise.resolve();
  }

  sendDtmf(digit: string): void {
    // Call.sendDigits accepts 0-9 * # (and w, a pause) only; it throws on anything else.
    if (!this.live?.answered || !/^[0-9*#]$/.test(digit)) return;
    this.live.call.sendDigits(digit);
    this.o.dispatch({ type: 'call/dtmf', digit });
  }

  async setMic(deviceId: string): Promise<MediaStream | null> {
    const audio = this.voice.audio;
    if (!audio) return null;
    // AudioHelper.setInputDevice switches the current call's microphone and later calls'.
    await audio.setInputDevice(deviceId);
    return this.live?.call.getLocalStream?.() ?? null;
  }

  async setSpeaker(deviceId: string): Promise<void> {
    await this.voice.audio?.speakerDevices.set(deviceId);
  }

  private async useMic(): Promise<void> {
    await this.voice.audio?.setInputDevice(this.o.mic()).catch(() => undefined);
  }

  private bind(call: CallLike, uid: string, direction: 'outbound' | 'inbound'): TwilioCall {
    const live = new TwilioCall(call, uid, direction, {
      dispatch: (a) => this.live === live && this.o.dispatch(a),
      now: this.o.now,
      log: (line) => this.log(line),
      answered: (c) => this.answered(c),
      settled: (c) => this.settled(c),
    });
    this.live = live;
    return live;
  }

  private answered(live: TwilioCall): void {
    void this.setSpeaker(this.o.speaker()).catch(() => undefined);
    const local = live.call.getLocalStream?.();
    const remote = live.call.getRemoteStream?.();
    if (local && remote) this.o.onEstablished(live.uid, local, remote);
  }

  private settled(live: TwilioCall): void {
    if (this.live !== live) return;
    this.live = null;
    // AudioHelper keeps a chosen input open until unset (its docs): release the headset.
    void this.voice.audio?.unsetInputDevice().catch(() => undefined);
    this.o.onTerminated(live.uid);
  }

  private log(line: string): void {
    pushLadder(this.ladder, 'in', line);
  }
}
