import type { CallOutcome } from '../../../shared/contract/calls';
import type { Action } from '../voice/actions';
import { CallLog, type ConfirmedOutcome } from './call-log';
import { CallRecording } from './call-recording';
import { CallTones } from './call-tones';
import type { SoftphoneDeps } from './deps';
import { DeviceManager } from './device-manager';
import type { FailureKey } from './i18n-failures';
import { LiveCall, type DialRequest } from './live-call';
import { bindMediaSessionKeys } from './media-keys';
import type { AdapterOptions } from './sip-adapter';
import { SoftphoneStore, type SoftphoneSnapshot } from './softphone-store';
import { initialState, reduce, type CallState } from './state';
import { VoiceLine } from './voice-line';

// The softphone of the signed-in user, put together from its parts: the provider's adapter
// (VoiceLine), the nurse's commands (LiveCall), the call's record in main (CallLog), tones,
// recording and devices. Every action goes through the reducer here, and each transition is
// handed to the parts that act on it. React reads it through useSyncExternalStore
// (useSoftphoneSelector); the follow-up screen only uses its commands and events.

export type { ConfirmedOutcome } from './call-log';
export type { DialRequest } from './live-call';
export type { Notice, ScreenPop, SoftphoneSnapshot } from './softphone-store';

const tuning = (key: string, fallback: number) => {
  const n = Number(globalThis.localStorage?.getItem(`followup.softphone.${key}`));
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export class SoftphoneController {
  private readonly now: () => number;
  private readonly store: SoftphoneStore;
  private readonly line: VoiceLine;
  private readonly live: LiveCall;
  private readonly log: CallLog;
  private readonly recording = new CallRecording((a) => this.dispatch(a));
  private devices: DeviceManager;
  private tones: CallTones;
  private disposed = false;

  constructor(deps: SoftphoneDeps) {
    this.now = deps.now ?? Date.now;
    this.devices = this.makeDevices();
    this.store = new SoftphoneStore({ state: initialState(this.now()), screenPop: null, devices: this.devices.snapshot(), notices: [] });
    this.tones = new CallTones(() => this.call);
    const dispatch = (a: Action) => this.dispatch(a);
    this.line = new VoiceLine({ api: deps.api, createAdapter: deps.createAdapter, options: () => this.adapterOptions(), dispatch, now: this.now });
    this.live = new LiveCall(
      { adapter: () => this.line.adapter, state: () => this.getSnapshot().state, dispatch, now: this.now, failed: (e) => this.failed('command', e) },
      tuning('noAnswerTimeoutMs', 45_000),
    );
    this.log = new CallLog({ api: deps.api, uploadRecording: deps.uploadRecording, store: this.store, dispatch, failed: (k, e, p) => this.failed(k, e, p) });
  }

  private makeDevices(): DeviceManager {
    return new DeviceManager({
      changed: (devices) => this.store.set({ devices }),
      notice: (key, params) => this.store.notice({ key, params, level: 'warning' }),
      micChanged: (deviceId) => void this.switchMic(deviceId),
      speakerChanged: (deviceId) => void this.line.adapter.setSpeaker(deviceId).catch((e: unknown) => this.failed('speaker', e)),
    });
  }

  private adapterOptions(): AdapterOptions {
    return {
      dispatch: (a) => this.dispatch(a),
      now: this.now,
      mic: () => this.devices.snapshot().resolved.mic,
      speaker: () => this.devices.snapshot().resolved.speaker,
      iceGatheringTimeout: tuning('iceGatheringTimeout', 1000),
      onIncoming: (uid, number) => this.log.incoming(uid, number),
      onBusy: (number) => this.log.busy(number),
      onEstablished: (uid, local, remote) => this.recording.established(uid, local, remote, this.call),
      onTerminated: () => undefined,
    };
  }

  subscribe = (fn: () => void): (() => void) => this.store.subscribe(fn);

  getSnapshot = (): SoftphoneSnapshot => this.store.getSnapshot();

  /** Called with every call that ends, after main has stored it (the follow-up screen pre-fills its attempt). */
  onCallEnded(fn: (call: CallState) => void): () => void {
    return this.log.onCallEnded(fn);
  }

  /** Called once main has stored the outcome the nurse confirmed (the follow-up screen re-reads its attempts). */
  onOutcomeConfirmed(fn: (c: ConfirmedOutcome) => void): () => void {
    return this.log.onOutcomeConfirmed(fn);
  }

  get ladder() {
    return this.line.adapter.ladder;
  }

  private get call(): CallState | null {
    return this.store.getSnapshot().state.call;
  }

  dismissNotice(id: number): void {
    this.store.dismissNotice(id);
  }

  dispatch(action: Action): void {
    const prev = this.store.getSnapshot().state;
    const next = reduce(prev, action);
    if (next === prev) return;
    this.store.set({ state: next });
    const { call } = next;
    if (!call || call === prev.call) return;
    this.tones.follow(prev.call, call, this.devices.snapshot().resolved);
    this.log.follow(prev.call, call, action);
    this.recording.follow(prev.call, call);
    if (call.phase === 'ended' && prev.call?.phase !== 'ended') void this.finish(call);
  }

  // ---- lifecycle ----

  async start(): Promise<void> {
    if (this.disposed) {
      // Mounted again (React StrictMode runs effects twice in development).
      this.disposed = false;
      this.devices = this.makeDevices();
      this.tones = new CallTones(() => this.call);
      this.line.renew();
    }
    const ready = await this.line.connect();
    if (!ready || this.disposed) return;
    // The microphone check runs beside the registration, never in front of it.
    void this.devices.start();
    bindMediaSessionKeys(this);
    await ready.adapter.start(ready.creds);
  }

  stop(): Promise<void> {
    return this.line.adapter.stop();
  }

  dispose(): void {
    this.disposed = true;
    this.line.cancel();
    this.live.dispose();
    this.line.adapter.dispose();
    this.devices.dispose();
    this.tones.dispose();
  }

  /** The CSP refused the WebSocket: retrying cannot help until the page reloads. */
  blocked(detail: string): void {
    void this.line.adapter.stop(false).catch((e: unknown) => this.failed('command', e));
    this.dispatch({ type: 'reg/blocked', at: this.now(), detail });
  }

  // ---- commands ----

  dial = (req: DialRequest): boolean => this.live.dial(req);
  answer = (): void => this.live.answer();
  hangup = (): void => this.live.hangup();
  toggleMute = (): void => this.live.toggleMute();
  toggleHold = (): void => this.live.toggleHold();
  dtmf = (digit: string): void => this.live.dtmf(digit);

  /**
   * The patient's consent to record, asked once she has answered: ticking it during the call
   * starts the recording, unticking pauses it, ticking again resumes it in the same file.
   */
  setConsent(on: boolean): void {
    this.dispatch({ type: 'call/consent', on });
  }

  confirmOutcome = (outcome: CallOutcome): Promise<void> => this.log.confirmOutcome(outcome);
  dismiss = (): void => this.log.dismiss();
  choosePatient = (patientId: number | null, taskId: number | null = null): void => this.log.choosePatient(patientId, taskId);

  setDevice(role: 'mic' | 'speaker' | 'ring', deviceId: string): void {
    this.devices.choose(role, deviceId);
  }

  refreshDevices(): Promise<void> {
    return this.devices.refresh();
  }

  // ---- effects ----

  private async switchMic(deviceId: string): Promise<void> {
    try {
      const fresh = await this.line.adapter.setMic(deviceId);
      if (fresh) this.recording.micChanged(fresh);
    } catch (err) {
      this.failed('mic', err);
    }
  }

  private async finish(call: CallState): Promise<void> {
    await this.log.ended(call, await this.recording.finish(call.uid));
  }

  /** Told to the nurse, never dropped: a call that was not saved is one she must log by hand. */
  private failed(what: FailureKey, error: unknown, params?: Record<string, string>): void {
    this.store.notice({ key: `softphone.failure.${what}`, error, params, level: 'error' });
  }
}
