import { EventEmitter } from 'node:events';
import type { AudioLike, CallLike, DeviceLike } from '../../src/renderer/features/twilio-voice/twilio-voice';

// A fake Voice SDK for the Twilio adapters' tests. Its events follow @twilio/voice-sdk 2.18's
// type definitions: es5/twilio/device.d.ts (registering, registered, unregistered,
// error(error, call?), incoming(call), tokenWillExpire(device)) and es5/twilio/call.d.ts
// (ringing(hasEarlyMedia), accept(call), disconnect(call), cancel(), reject(), error(error)).

export const stream = (name: string) => ({ id: name }) as unknown as MediaStream;

export class FakeCall extends EventEmitter implements CallLike {
  muted: boolean[] = [];
  digits: string[] = [];
  accepted = 0;
  constructor(readonly parameters: Record<string, string> = {}) {
    super();
  }
  accept() {
    this.accepted += 1;
  }
  // call.js: reject() emits 'reject' at once; disconnect() closes the media, whose onclose emits 'disconnect'.
  reject() {
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
  constructor(token: string) {
    super();
    this.tokens.push(token);
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
    return call;
  }
  destroyed = false;
  destroy() {
    this.destroyed = true;
  }
}
