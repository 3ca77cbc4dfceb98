import type { Action } from '../voice/actions';
import type { VoiceAdapter } from '../voice/voice-adapter';
import { canDial, type CallState, type SoftphoneState } from './state';

// The nurse's commands on the call in progress, carried out by the provider's adapter. An
// outgoing call nobody answers is given up after noAnswerMs, whichever provider carries it.
// A command the adapter fails is told to the nurse (`failed`); a call that cannot be placed or
// answered ends with the reason in the panel.

export interface DialRequest {
  number: string;
  patientId?: number | null;
  taskId?: number | null;
  /** The patient agreed to be recorded. */
  consent?: boolean;
  /** event.timeStamp of the click or key press, for the click-to-INVITE timing. */
  clickedAt?: number;
}

export interface LiveCallHooks {
  adapter(): VoiceAdapter;
  state(): SoftphoneState;
  dispatch(action: Action): void;
  now(): number;
  failed(error: unknown): void;
}

export class LiveCall {
  private noAnswerTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly h: LiveCallHooks,
    private readonly noAnswerMs: number,
  ) {}

  private get call(): CallState | null {
    return this.h.state().call;
  }

  dial(req: DialRequest): boolean {
    if (!canDial(this.h.state())) return false;
    performance.mark('softphone:click', req.clickedAt !== undefined ? { startTime: req.clickedAt } : undefined);
    const { dispatch, now } = this.h;
    const uid = `out-${now()}-${Math.random().toString(36).slice(2, 8)}`;
    // The INVITE's work (microphone, offer) starts first; the screen and the calls row follow
    // in the same tick and never hold it up.
    const dialling = this.h.adapter().dial(uid, req.number);
    dispatch({ type: 'call/dial', at: now(), uid, number: req.number, patientId: req.patientId, taskId: req.taskId, consent: req.consent });
    dialling.catch((err: Error) => dispatch({ type: 'call/failed', at: now(), detail: err.message }));
    this.giveUpUnanswered(uid);
    return true;
  }

  private giveUpUnanswered(uid: string): void {
    clearTimeout(this.noAnswerTimer);
    this.noAnswerTimer = setTimeout(() => {
      const c = this.call;
      if (c?.uid !== uid || (c.phase !== 'dialling' && c.phase !== 'ringing')) return;
      this.h.dispatch({ type: 'call/no-answer-timeout', at: this.h.now() });
      this.hangup();
    }, this.noAnswerMs);
  }

  answer(): void {
    void this.h
      .adapter()
      .answer()
      .catch((err: Error) => this.h.dispatch({ type: 'call/failed', at: this.h.now(), detail: err.message }));
  }

  /** Cancels, declines or hangs up, depending on where the call is. */
  hangup(): void {
    void this.h
      .adapter()
      .hangup()
      .catch((e: unknown) => this.h.failed(e));
  }

  toggleMute(): void {
    const c = this.call;
    if (c?.phase === 'connected') this.h.adapter().setMute(!c.muted);
  }

  toggleHold(): void {
    const c = this.call;
    if (c?.phase === 'connected' && !c.hold.pending)
      void this.h
        .adapter()
        .setHold(!c.hold.local)
        .catch((e: unknown) => this.h.failed(e));
  }

  dtmf(digit: string): void {
    this.h.adapter().sendDtmf(digit);
  }

  dispose(): void {
    clearTimeout(this.noAnswerTimer);
  }
}
