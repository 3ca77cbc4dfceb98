import { api } from '../../api/client';
import type { CallerMatch, CallOutcome, VoiceProvider } from '../../../shared/contract/calls';
import { createVoiceAdapter } from './adapter-factory';
import { TonePlayer } from './audio';
import { CallRecording } from './call-recording';
import { DeviceManager, type DeviceSnapshot } from './device-manager';
import { uploadRecording } from './recording-io';
import { bindMediaSessionKeys } from './shortcuts';
import { canDial, endReport, initialState, reduce, type Action, type CallState, type SoftphoneState } from './state';
import type { VoiceAdapter } from './voice-adapter';

// The softphone of the signed-in user: the reducer's state plus the side effects of its
// transitions (tones, recording, the calls rows in main, the screen pop). React reads it
// through useSyncExternalStore (useSoftphoneSelector); the follow-up screen only uses its
// commands and events (onCallEnded, onOutcomeConfirmed).

export interface DialRequest {
  number: string;
  patientId?: number | null;
  taskId?: number | null;
  /** The patient agreed to be recorded. */
  consent?: boolean;
  /** event.timeStamp of the click or key press, for the click-to-INVITE timing. */
  clickedAt?: number;
}

export interface ScreenPop {
  uid: string;
  number: string;
  loading: boolean;
  matches: CallerMatch[];
  chosen: number | null;
}

export interface ConfirmedOutcome { callId: number; taskId: number | null; outcome: CallOutcome }

export interface Notice { id: number; key: string; params?: Record<string, string> }

export interface SoftphoneSnapshot {
  state: SoftphoneState;
  screenPop: ScreenPop | null;
  devices: DeviceSnapshot;
  notices: Notice[];
}

const RINGBACK_DELAY_MS = 400;

const tuning = (key: string, fallback: number) => {
  const n = Number(globalThis.localStorage?.getItem(`followup.softphone.${key}`));
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export class SoftphoneController {
  private snap: SoftphoneSnapshot;
  private listeners = new Set<() => void>();
  private endListeners = new Set<(call: CallState) => void>();
  private confirmListeners = new Set<(c: ConfirmedOutcome) => void>();
  private adapter: VoiceAdapter;
  private provider: VoiceProvider = 'sip';
  private devices: DeviceManager;
  private ring = new TonePlayer('softphone-ring');
  private ringback = new TonePlayer('softphone-ringback');
  private disposed = false;
  /** Each start() supersedes earlier ones still awaiting. */
  private generation = 0;
  private recording = new CallRecording((a) => this.dispatch(a));
  private stored = new Map<string, Promise<number | null>>();
  private noticeSeq = 0;
  private readonly noAnswerMs = tuning('noAnswerTimeoutMs', 45_000);
  private noAnswerTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly now: () => number = Date.now) {
    this.devices = this.makeDevices();
    this.snap = { state: initialState(now()), screenPop: null, devices: this.devices.snapshot(), notices: [] };
    this.adapter = this.makeAdapter();
  }

  private makeDevices(): DeviceManager {
    return new DeviceManager({
      changed: (devices) => this.set({ devices }),
      notice: (key, params) => this.notice(key, params),
      micChanged: (deviceId) => void this.switchMic(deviceId),
      speakerChanged: (deviceId) => void this.adapter.setSpeaker(deviceId).catch(() => undefined),
    });
  }

  private makeAdapter(): VoiceAdapter {
    return createVoiceAdapter(this.provider, {
      dispatch: (a) => this.dispatch(a),
      now: this.now,
      mic: () => this.devices.snapshot().resolved.mic,
      speaker: () => this.devices.snapshot().resolved.speaker,
      iceGatheringTimeout: tuning('iceGatheringTimeout', 1000),
      onIncoming: (uid, number) => this.incoming(uid, number),
      onEstablished: (uid, local, remote) => this.recording.established(uid, local, remote, this.snap.state.call),
      onTerminated: () => undefined,
    });
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): SoftphoneSnapshot => this.snap;

  /** Called with every call that ends, after main has stored it (the follow-up screen pre-fills its attempt). */
  onCallEnded(fn: (call: CallState) => void): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  /** Called once main has stored the outcome the nurse confirmed (the follow-up screen re-reads its attempts). */
  onOutcomeConfirmed(fn: (c: ConfirmedOutcome) => void): () => void {
    this.confirmListeners.add(fn);
    return () => this.confirmListeners.delete(fn);
  }

  get ladder() {
    return this.adapter.ladder;
  }

  private set(patch: Partial<SoftphoneSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn();
  }

  private notice(key: string, params?: Record<string, string>): void {
    this.set({ notices: [...this.snap.notices, { id: ++this.noticeSeq, key, params }] });
  }

  dismissNotice(id: number): void {
    this.set({ notices: this.snap.notices.filter((n) => n.id !== id) });
  }

  dispatch(action: Action): void {
    const prev = this.snap.state;
    const next = reduce(prev, action);
    if (next === prev) return;
    this.set({ state: next });
    this.effects(prev, next, action);
  }

  // ---- lifecycle ----

  async start(): Promise<void> {
    if (this.disposed) {
      // Mounted again (React StrictMode runs effects twice in development).
      this.disposed = false;
      this.devices = this.makeDevices();
      this.adapter = this.makeAdapter();
      this.ring = new TonePlayer('softphone-ring');
      this.ringback = new TonePlayer('softphone-ringback');
    }
    const gen = ++this.generation;
    this.dispatch({ type: 'reg/connecting', at: this.now() });
    let creds;
    try {
      await this.useProvider(gen);
      creds = await this.adapter.credentials();
    } catch (err) {
      if (gen !== this.generation) return;
      const code = (err as { code?: string }).code;
      if (code === 'not_found') return this.dispatch({ type: 'reg/unconfigured', at: this.now() });
      return this.dispatch({ type: 'reg/credentials-error', at: this.now(), detail: (err as Error).message, failure: this.adapter.credentialsFailure });
    }
    if (gen !== this.generation || this.disposed) return;
    // The microphone check runs beside the registration, never in front of it.
    void this.devices.start();
    bindMediaSessionKeys(this);
    await this.adapter.start(creds);
  }

  stop(): Promise<void> {
    return this.adapter.stop();
  }

  /** The provider the nurse chose (softphone.voice): a different one replaces the adapter. */
  private async useProvider(gen: number): Promise<void> {
    const { provider } = await api.call('softphone.voice');
    if (gen !== this.generation || provider === this.adapter.provider) return;
    const old = this.adapter;
    this.provider = provider;
    this.adapter = this.makeAdapter();
    this.dispatch({ type: 'reg/provider', provider, hold: this.adapter.canHold });
    await old.stop(false);
    old.dispose();
    this.dispatch({ type: 'reg/connecting', at: this.now() });
  }

  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    clearTimeout(this.noAnswerTimer);
    this.adapter.dispose();
    this.devices.dispose();
    this.ring.dispose();
    this.ringback.dispose();
  }

  /** The CSP refused the WebSocket: retrying cannot help until the page reloads. */
  blocked(detail: string): void {
    void this.adapter.stop(false);
    this.dispatch({ type: 'reg/blocked', at: this.now(), detail });
  }

  // ---- commands ----

  dial(req: DialRequest): boolean {
    if (!canDial(this.snap.state)) return false;
    performance.mark('softphone:click', req.clickedAt !== undefined ? { startTime: req.clickedAt } : undefined);
    const uid = `out-${this.now()}-${Math.random().toString(36).slice(2, 8)}`;
    // The INVITE's work (microphone, offer) starts first; the screen and the calls row follow
    // in the same tick and never hold it up.
    const dialling = this.adapter.dial(uid, req.number);
    this.dispatch({ type: 'call/dial', at: this.now(), uid, number: req.number, patientId: req.patientId, taskId: req.taskId, consent: req.consent });
    dialling.catch((err: Error) => this.dispatch({ type: 'call/failed', at: this.now(), detail: err.message }));
    this.giveUpUnanswered(uid);
    return true;
  }

  /** An outgoing call nobody answers is given up after noAnswerMs, whichever provider carries it. */
  private giveUpUnanswered(uid: string): void {
    clearTimeout(this.noAnswerTimer);
    this.noAnswerTimer = setTimeout(() => {
      const c = this.snap.state.call;
      if (c?.uid !== uid || (c.phase !== 'dialling' && c.phase !== 'ringing')) return;
      this.dispatch({ type: 'call/no-answer-timeout', at: this.now() });
      void this.adapter.hangup();
    }, this.noAnswerMs);
  }

  answer(): void {
    void this.adapter.answer().catch((err: Error) => this.dispatch({ type: 'call/failed', at: this.now(), detail: err.message }));
  }

  hangup(): void {
    void this.adapter.hangup();
  }

  toggleMute(): void {
    const c = this.snap.state.call;
    if (c?.phase === 'connected') this.adapter.setMute(!c.muted);
  }

  toggleHold(): void {
    const c = this.snap.state.call;
    if (c?.phase === 'connected' && !c.hold.pending) void this.adapter.setHold(!c.hold.local);
  }

  dtmf(digit: string): void {
    this.adapter.sendDtmf(digit);
  }

  /**
   * The patient's consent to record, asked once she has answered: ticking it during the call
   * starts the recording, unticking pauses it, ticking again resumes it in the same file.
   */
  setConsent(on: boolean): void {
    this.dispatch({ type: 'call/consent', on });
  }

  async confirmOutcome(outcome: CallOutcome): Promise<void> {
    const c = this.snap.state.call;
    if (!c || c.phase !== 'ended') return;
    const callId = await (this.stored.get(c.uid) ?? Promise.resolve(c.callId));
    if (callId) {
      await api.call('calls.setOutcome', { callId, outcome });
      for (const fn of this.confirmListeners) fn({ callId, taskId: c.taskId, outcome });
    }
    this.dispatch({ type: 'call/dismiss' });
  }

  dismiss(): void {
    this.dispatch({ type: 'call/dismiss' });
    if (!this.snap.state.call) this.set({ screenPop: null });
  }

  /**
   * The nurse picked which patient is calling (several matches), or it was the only one. Only the
   * screen pop's own call is linked: a lookup answering late must not relink a call dialled since
   * from a task. No open task is no un-linking: the call keeps a task it has (logged on it in main)
   * unless the nurse moves the call from another patient, whose task it was.
   */
  choosePatient(patientId: number | null, taskId: number | null = null): void {
    const pop = this.snap.screenPop;
    if (!pop) return;
    this.set({ screenPop: { ...pop, chosen: patientId } });
    const call = this.snap.state.call;
    if (call?.uid !== pop.uid) return;
    const moved = call.patientId !== null && call.patientId !== patientId;
    const task = taskId !== null || moved ? { taskId } : {};
    this.dispatch({ type: 'call/linked', patientId, ...task });
    void this.stored.get(pop.uid)?.then((callId) => (callId ? api.call('calls.link', { callId, patientId, ...task }).catch(() => undefined) : undefined));
  }

  setDevice(role: 'mic' | 'speaker' | 'ring', deviceId: string): void {
    this.devices.choose(role, deviceId);
  }

  refreshDevices(): Promise<void> {
    return this.devices.refresh();
  }

  // ---- effects of transitions ----

  private effects(prev: SoftphoneState, next: SoftphoneState, action: Action): void {
    const was = prev.call;
    const call = next.call;
    if (action.type === 'call/dial' && call) this.store(call, 'outbound');
    if (!call || call === was) return;
    const entered = (phase: CallState['phase']) => call.phase === phase && was?.phase !== phase;
    const ringDevice = this.devices.snapshot().resolved;
    if (entered('incoming')) void this.ring.play('ring', ringDevice.ring);
    // Local ringback a moment after the 180: a phone answered at once never blips, and the
    // audio output is not opened while the answer is on its way.
    if (entered('ringing') && call.direction === 'outbound') setTimeout(() => {
      if (this.snap.state.call?.uid === call.uid && this.snap.state.call.phase === 'ringing') void this.ringback.play('ringback', ringDevice.speaker);
    }, RINGBACK_DELAY_MS);
    if (entered('connecting') || entered('connected') || entered('ended')) {
      this.ring.stop();
      this.ringback.stop();
    }
    if (entered('connected')) this.inOrder(call.uid, (callId) => api.call('calls.answered', { callId }));
    if (action.type === 'call/consent') this.inOrder(call.uid, (callId) => api.call('calls.setConsent', { callId, consent: call.consent }));
    this.recording.follow(was, call);
    if (entered('ended')) void this.finish(call);
  }

  private store(call: CallState, direction: 'outbound' | 'inbound'): void {
    const p = api
      .call('calls.start', { direction, number: call.number, patientId: call.patientId, taskId: call.taskId, consent: call.consent })
      .then(({ callId }) => {
        if (this.snap.state.call?.uid === call.uid) this.dispatch({ type: 'call/stored', callId });
        return callId;
      })
      .catch(() => null);
    this.stored.set(call.uid, p);
  }

  /**
   * Reports on the call reach main in the order they happened: each waits for the call's row and
   * the reports before it, and the end and the recording wait for them all (stored.get). Main
   * judges a recording by the consent it holds, and a withdrawal by whether the call was answered.
   */
  private inOrder(uid: string, report: (callId: number) => Promise<unknown>): void {
    const row = this.stored.get(uid);
    if (!row) return;
    this.stored.set(uid, row.then(async (callId) => {
      if (callId) await report(callId).catch(() => undefined);
      return callId;
    }));
  }

  private incoming(uid: string, number: string): void {
    if (uid.startsWith('busy-')) {
      // Busy with another call: the caller heard 486; keep it as a missed call to return.
      void api.call('calls.start', { direction: 'inbound', number: number || 'anonymous' })
        .then(({ callId }) => api.call('calls.end', { callId, endedBy: 'system', sipCode: 486, reason: 'busy_here' }))
        .catch(() => undefined);
      return;
    }
    const call = this.snap.state.call;
    if (call?.uid === uid) this.store(call, 'inbound');
    this.set({ screenPop: { uid, number, loading: true, matches: [], chosen: null } });
    api.call('calls.lookupCaller', { number: number || '0' })
      .then((matches) => {
        if (this.snap.screenPop?.uid !== uid) return;
        this.set({ screenPop: { ...this.snap.screenPop, loading: false, matches } });
        if (matches.length === 1) this.choosePatient(matches[0].patientId, matches[0].openTaskId);
      })
      .catch(() => this.snap.screenPop?.uid === uid && this.set({ screenPop: { ...this.snap.screenPop, loading: false } }));
  }

  private async switchMic(deviceId: string): Promise<void> {
    const fresh = await this.adapter.setMic(deviceId).catch(() => null);
    if (fresh) this.recording.micChanged(fresh);
  }

  private async finish(call: CallState): Promise<void> {
    const blob = await this.recording.finish(call.uid);
    const report = endReport(call);
    const callId = await this.stored.get(call.uid);
    if (callId && report) await api.call('calls.end', { callId, ...report }).catch(() => undefined);
    if (callId && blob && blob.size > 0) {
      const saved = await uploadRecording(callId, blob).then(() => true, () => false);
      if (this.snap.state.call?.uid === call.uid) this.dispatch({ type: 'call/recording', state: saved ? 'saved' : 'failed' });
    }
    const ended = this.snap.state.call?.uid === call.uid ? this.snap.state.call : { ...call, callId: callId ?? null };
    for (const fn of this.endListeners) fn(ended);
  }
}
