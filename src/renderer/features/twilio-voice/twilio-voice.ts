import type { TwilioVoiceToken } from '../../../shared/contract/messaging';

// Twilio as the softphone's second provider (cloud telephony instead of a SIP PBX): a thin
// layer over @twilio/voice-sdk's Device. Main mints the access token (calls.twilioToken: the
// nurse's username as identity, at most one hour); this keeps it fresh and turns the SDK's
// events into a few callbacks. The SDK and the token source are injected so the logic is
// testable without Twilio's cloud; by default the SDK is loaded only when Twilio is used.
//
// Outgoing calls go to the TwiML App configured in main (twilio.voice.twimlAppSid) with the
// parameter `To`; the hospital's TwiML there dials it with its Twilio caller ID.

export type TwilioVoiceStatus = 'idle' | 'registering' | 'registered' | 'unregistered' | 'error' | 'destroyed';

/** The part of a Voice SDK Call the softphone drives (es5/twilio/call.d.ts). */
export interface CallLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  sendDigits(digits: string): void;
  parameters?: Record<string, string>;
  getLocalStream?(): MediaStream | undefined;
  getRemoteStream?(): MediaStream | undefined;
}

/** Device.audio, an AudioHelper (es5/twilio/audiohelper.d.ts, outputdevicecollection.d.ts). */
export interface AudioLike {
  setInputDevice(deviceId: string): Promise<void>;
  unsetInputDevice(): Promise<void>;
  speakerDevices: { set(deviceIdOrIds: string | string[]): Promise<void> };
}

/** The part of a Voice SDK Device used here. */
export interface DeviceLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  register(): Promise<void>;
  updateToken(token: string): void;
  connect(options: { params: Record<string, string> }): Promise<CallLike>;
  destroy(): void;
  readonly audio?: AudioLike | null;
}

export interface TwilioVoiceOptions {
  /** calls.twilioToken (see token-source.ts). */
  token(): Promise<TwilioVoiceToken>;
  /** `error`: the SDK's TwilioError (its `code` says what failed) for status 'error'. */
  onStatus(status: TwilioVoiceStatus, detail?: string, error?: unknown): void;
  onIncoming(call: CallLike, from: string | null): void;
  /** Default: a Voice SDK Device with DEVICE_OPTIONS. */
  createDevice?: (token: string, options: DeviceOptions) => Promise<DeviceLike>;
}

/** The part of the SDK's Device.Options set here (es5/twilio/device.d.ts). */
export interface DeviceOptions {
  allowIncomingWhileBusy: boolean;
  closeProtection: boolean;
  codecPreferences: string[];
  tokenRefreshMs: number;
}

export const DEVICE_OPTIONS: DeviceOptions = {
  // By default the SDK ignores a second caller while busy: nobody is told and it rings out
  // unseen. Raised instead, the adapter rejects it and keeps it as a missed call, as SIP's 486.
  allowIncomingWhileBusy: true,
  // Opus first; close protection while in a call.
  closeProtection: true,
  codecPreferences: ['opus', 'pcmu'],
  // The SDK asks for a new token a minute before the old one expires (tokenWillExpire).
  tokenRefreshMs: 60_000,
};

const sdkDevice = async (token: string, options: DeviceOptions): Promise<DeviceLike> => {
  const { Device } = await import('@twilio/voice-sdk');
  const device = new Device(token, { ...options, codecPreferences: options.codecPreferences as never });
  // The softphone plays its own ring and ringback on the nurse's chosen devices.
  device.audio?.incoming(false);
  device.audio?.outgoing(false);
  device.audio?.disconnect(false);
  return device as unknown as DeviceLike;
};

export class TwilioVoice {
  private device: DeviceLike | null = null;

  constructor(private readonly o: TwilioVoiceOptions) {}

  get started(): boolean {
    return this.device !== null;
  }

  get audio(): AudioLike | null {
    return this.device?.audio ?? null;
  }

  async start(): Promise<void> {
    this.stop();
    this.o.onStatus('registering');
    try {
      const { token } = await this.o.token();
      const device = await (this.o.createDevice ?? sdkDevice)(token, DEVICE_OPTIONS);
      this.device = device;
      // Events of a Device already replaced (a restart) are not this one's news.
      const on = (event: string, fn: (...args: unknown[]) => void) => device.on(event, (...args) => this.device === device && fn(...args));
      on('registering', () => this.o.onStatus('registering'));
      on('registered', () => this.o.onStatus('registered'));
      on('unregistered', () => this.o.onStatus('unregistered'));
      // errorEvent(error, call?): a call's error reaches that Call's own 'error' listeners too.
      on('error', (err, call) => call === undefined && this.o.onStatus('error', errorText(err), err));
      on('tokenWillExpire', () => void this.refresh());
      on('incoming', (call) => this.o.onIncoming(call as CallLike, (call as CallLike).parameters?.From ?? null));
      await device.register();
    } catch (err) {
      this.o.onStatus('error', errorText(err), err);
    }
  }

  /** A fresh token from main; the Device keeps its calls and registration. */
  async refresh(): Promise<void> {
    const device = this.device;
    if (!device) return;
    try {
      const { token } = await this.o.token();
      if (this.device === device) device.updateToken(token);
    } catch (err) {
      this.o.onStatus('error', errorText(err), err);
    }
  }

  async dial(number: string): Promise<CallLike> {
    if (!this.device) throw new Error('Twilio voice is not started');
    return this.device.connect({ params: { To: number } });
  }

  stop(): void {
    const device = this.device;
    this.device = null;
    if (device) {
      device.destroy();
      this.o.onStatus('destroyed');
    }
  }
}

export function errorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  return [e?.code, e?.message ?? String(err)].filter((x) => x !== undefined && x !== null).join(' ');
}
