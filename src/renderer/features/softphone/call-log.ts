import type { CallOutcome } from '../../../shared/contract/calls';
import type { Action } from '../voice/actions';
import { CallReporter } from './call-reporter';
import type { SoftphoneDeps } from './deps';
import type { FailureKey } from './i18n-failures';
import { ScreenPopper } from './screen-pop';
import type { SoftphoneStore } from './softphone-store';
import type { CallState } from './state';

// The call as main keeps it and as other screens hear of it: its row and reports (CallReporter),
// the patient the screen pop links it to, the outcome the nurse confirms, and its end, handed to
// whoever listens (the follow-up screen, the call lists).

export interface ConfirmedOutcome {
  callId: number;
  taskId: number | null;
  outcome: CallOutcome;
}

export interface CallLogHooks extends Pick<SoftphoneDeps, 'api' | 'uploadRecording'> {
  store: SoftphoneStore;
  dispatch(action: Action): void;
  /** Told to the nurse: the error fills the message's {{error}}. */
  failed(key: FailureKey, error: unknown, params?: Record<string, string>): void;
}

export class CallLog {
  private readonly reporter: CallReporter;
  private readonly pop: ScreenPopper;
  private readonly endListeners = new Set<(call: CallState) => void>();
  private readonly confirmListeners = new Set<(c: ConfirmedOutcome) => void>();

  constructor(private readonly h: CallLogHooks) {
    this.reporter = new CallReporter({
      api: h.api,
      uploadRecording: h.uploadRecording,
      stored: (uid, callId) => this.call?.uid === uid && h.dispatch({ type: 'call/stored', callId }),
      failed: (f) => h.failed(f.step, f.error, f.number === undefined ? undefined : { number: f.number }),
    });
    this.pop = new ScreenPopper({
      api: h.api,
      store: h.store,
      only: (patientId, taskId) => this.choosePatient(patientId, taskId),
      failed: (error) => h.failed('lookup', error),
    });
  }

  private get call(): CallState | null {
    return this.h.store.getSnapshot().state.call;
  }

  onCallEnded(fn: (call: CallState) => void): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  onOutcomeConfirmed(fn: (c: ConfirmedOutcome) => void): () => void {
    this.confirmListeners.add(fn);
    return () => this.confirmListeners.delete(fn);
  }

  /** After every transition of the call. */
  follow(was: CallState | null, call: CallState, action: Action): void {
    if (action.type === 'call/dial') this.reporter.start(call);
    if (call.phase === 'connected' && was?.phase !== 'connected') this.reporter.answered(call.uid);
    if (action.type === 'call/consent') this.reporter.consent(call.uid, call.consent);
  }

  /** A call rings: its row, and the caller's record looked up. */
  incoming(uid: string, number: string): void {
    const call = this.call;
    if (call?.uid === uid) this.reporter.start(call);
    this.pop.show(uid, number);
  }

  /** A second caller heard busy. */
  busy(number: string): void {
    void this.reporter.missed(number);
  }

  /** The call ended: its end and recording to main, then to the listeners. */
  async ended(call: CallState, recording: Blob | null): Promise<void> {
    const stored = await this.reporter.ended(call, recording);
    const still = () => (this.call?.uid === call.uid ? this.call : null);
    if (stored.recording && still()) this.h.dispatch({ type: 'call/recording', state: stored.recording });
    const ended = still() ?? { ...call, callId: stored.callId };
    for (const fn of this.endListeners) fn(ended);
  }

  /**
   * The nurse picked which patient is calling (several matches), or it was the only one. Only the
   * screen pop's own call is linked: a lookup answering late must not relink a call dialled since
   * from a task. No open task is no un-linking: the call keeps a task it has (logged on it in main)
   * unless the nurse moves the call from another patient, whose task it was.
   */
  choosePatient(patientId: number | null, taskId: number | null = null): void {
    const pop = this.h.store.getSnapshot().screenPop;
    if (!pop) return;
    this.pop.choose(patientId);
    const call = this.call;
    if (call?.uid !== pop.uid) return;
    const moved = call.patientId !== null && call.patientId !== patientId;
    const task = taskId !== null || moved ? { taskId } : {};
    this.h.dispatch({ type: 'call/linked', patientId, ...task });
    this.reporter.link(pop.uid, { patientId, ...task });
  }

  /** Stores the outcome and closes the call; if main could not store it, the call stays open for another try. */
  async confirmOutcome(outcome: CallOutcome): Promise<void> {
    const c = this.call;
    if (!c || c.phase !== 'ended') return;
    const saved = await this.reporter.outcome(c.uid, c.callId, outcome);
    if (saved === 'failed') return;
    if (saved !== 'no-row') for (const fn of this.confirmListeners) fn({ callId: saved.callId, taskId: c.taskId, outcome });
    this.h.dispatch({ type: 'call/dismiss' });
  }

  dismiss(): void {
    this.h.dispatch({ type: 'call/dismiss' });
    if (!this.call) this.pop.clear();
  }
}
