import type { Action } from '../voice/actions';
import { isMediaError, relayedSipCode, twilioCode } from './twilio-errors';
import { errorText, type CallLike } from './twilio-voice';

// One Twilio call's events turned into reducer actions. Names and arguments from
// @twilio/voice-sdk es5/twilio/call.d.ts: ringing(hasEarlyMedia: boolean), accept(call),
// disconnect(call), cancel(), reject(), error(error: TwilioError), reconnecting(error),
// reconnected(). Who hung up is not in any event: a disconnect we did not ask for is the far end's.

export interface CallHooks {
  dispatch(action: Action): void;
  now(): number;
  log(line: string): void;
  answered(call: TwilioCall): void;
  /** The call is over, whichever way; the adapter lets go of it. */
  settled(call: TwilioCall): void;
}

export class TwilioCall {
  answered = false;
  /** answer() was called; the SDK's accept event is on its way. */
  accepting = false;
  /** We hung up, declined or gave up: the disconnect that follows is ours. */
  endingLocally = false;
  private error: unknown = null;
  private done = false;

  constructor(
    readonly call: CallLike,
    readonly uid: string,
    readonly direction: 'outbound' | 'inbound',
    private readonly h: CallHooks,
  ) {
    const on = (event: string, fn: (...args: unknown[]) => void) =>
      call.on(event, (...args) => {
        h.log(`call ${event}`);
        if (!this.done) fn(...args);
      });
    // 183 when the far end sends early media (an announcement), 180 otherwise, as SIP would.
    on('ringing', (hasEarlyMedia) => h.dispatch({ type: 'call/progress', at: h.now(), code: hasEarlyMedia ? 183 : 180 }));
    on('accept', () => this.accept());
    // A media failure emits disconnect first and its error right after (call.js _mediaHandler.onerror),
    // a gateway hang-up the other way round (_onHangup): the verdict waits for the tick to end.
    on('disconnect', () => queueMicrotask(() => this.settle('disconnect')));
    on('cancel', () => this.settle('cancel'));
    on('reject', () => this.settle('reject'));
    on('error', (err) => this.onError(err));
    on('reconnecting', () => h.dispatch({ type: 'call/media', state: 'stalled', at: h.now() }));
    on('reconnected', () => h.dispatch({ type: 'call/media', state: 'ok', at: h.now() }));
  }

  private accept(): void {
    this.answered = true;
    this.h.dispatch({ type: 'call/answered', at: this.h.now() });
    this.h.answered(this);
  }

  private onError(err: unknown): void {
    this.error = err;
    if (this.answered || this.endingLocally) return;
    // Before the answer an error ends the attempt: the far end's answer (busy, no such number)
    // pre-fills the outcome; anything else is a technical failure.
    const sip = relayedSipCode(twilioCode(err));
    if (sip && this.direction === 'outbound') this.h.dispatch({ type: 'call/rejected', at: this.h.now(), code: sip, detail: errorText(err) });
    else this.h.dispatch({ type: 'call/failed', at: this.h.now(), detail: errorText(err) });
  }

  private settle(how: 'disconnect' | 'cancel' | 'reject'): void {
    if (this.done) return;
    this.done = true;
    const at = this.h.now();
    if (how === 'cancel') this.h.dispatch({ type: 'call/remote-cancel', at });
    else if (how === 'disconnect' && !this.endingLocally) this.h.dispatch(this.remoteEnd(at));
    // Whatever was not said yet (a late event, an unknown path) still ends the call.
    this.h.dispatch({ type: 'call/terminated', at });
    this.h.settled(this);
  }

  private remoteEnd(at: number): Action {
    if (!this.answered || !this.error) return { type: 'call/remote-bye', at };
    return isMediaError(twilioCode(this.error)) ? { type: 'call/media', state: 'lost', at } : { type: 'call/failed', at, detail: errorText(this.error) };
  }
}
