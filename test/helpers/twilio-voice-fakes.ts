import { EventEmitter } from 'node:events';
import type { AudioLike, CallLike, DeviceLike, DeviceOptions } from '../../src/renderer/features/twilio-voice/twilio-voice';

// A fake Voice SDK for the Twilio adapters' tests. Its events follow @twilio/voice-sdk 2.18's
// type definitions: es5/twilio/device.d.ts (registering, registered, unregistered,
// error(error, call?), incoming(call), tokenWillExpire(device)) and es5/twilio/call.d.ts
// (ringing(hasEarlyMedia), accept(call), disconnect(call), cancel(), reject(), error(error)).
// An invite while busy is handled as device.js _onSignalingInvite does (Options.allowIncomingWhileBusy).

export const stream = (name: string) => ({ id: name }) as unknown as MediaStream;

export class FakeCall extends EventEmitter implements CallLike {
  muted: boolean[] = [];
  digits: string[] = [];
  accepted = 0;
  rejected = 0;
  constructor(readonly parameters: Record<string, string> = {}) {
    super();
  }
  accept() {
    this.accepted += 1;
  }
  // call.js: reject() emits 'reject' at once; disconnect() closes the media, whose onclose emits 'disconnect'.
  reject() {
    this.rejected += 1;
    this.emit('reject');
  }
  disconnect() {
    this.emit('disconnect', this);
  }
  mute(on = true) {
    this.muted.push(on);
  }
  sendDigits(d: string) {
    if (/[^0-9*#w]/.test(d)) throw new Error('Illegal character passed into sendDigits');
    this.digits.push(d);
  }
  getLocalStream = () => stream('local');
  getRemoteStream = () => stream('remote');
}

export class FakeDevice extends EventEmitter implements DeviceLike {
  tokens: string[] = [];
  dialled: Record<string, string>[] = [];
  calls: FakeCall[] = [];
  inputs: string[] = [];
  speakers: string[] = [];
  readonly audio: AudioLike = {
    setInputDevice: async (id) => void this.inputs.push(id),
    unsetInputDevice: async () => void this.inputs.push('(unset)'),
    speakerDevices: { set: async (id) => void this.speakers.push(String(id)) },
  };
  /** device.js _activeCall: the outgoing call once connect() resolves, an incoming one once accepted. */
  private active: FakeCall | null = null;
  constructor(
    token: string,
    readonly options: Partial<DeviceOptions> = {},
  ) {
    super();
    this.tokens.push(token);
  }
  private follow(call: FakeCall) {
    const gone = () => this.active === call && (this.active = null);
    for (const e of ['disconnect', 'cancel', 'reject']) call.once(e, gone);
  }
  /** An incoming call from the signalling: ignored while busy unless allowIncomingWhileBusy. */
  invite(call: FakeCall) {
    if (this.active && !this.options.allowIncomingWhileBusy) return;
    call.once('accept', () => (this.active = call));
    this.follow(call);
    this.emit('incoming', call);
  }
  async register() {
    this.emit('registering');
    this.emit('registered');
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  async connect(o: { params: Record<string, string> }) {
    this.dialled.push(o.params);
    const call = new FakeCall();
    this.calls.push(call);
    this.active = call;
    this.follow(call);
    return call;
  }
  destroyed = false;
  destroy() {
    this.destroyed = true;
  }
}
