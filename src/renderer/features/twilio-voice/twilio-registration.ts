import type { Action } from '../voice/actions';
import { RetrySchedule } from '../voice/backoff';
import { tokenTrouble, twilioCode } from './twilio-errors';
import { errorText, type TwilioVoiceStatus } from './twilio-voice';

// The Device's registration turned into the reducer's registration actions. Device events from
// @twilio/voice-sdk es5/twilio/device.d.ts: registering, registered, unregistered,
// error(error, call?) — TwilioVoice passes on only the errors without a call.

export interface RegistrationHooks {
  dispatch(action: Action): void;
  now(): number;
  /** A fresh token from main for the running Device (device.updateToken). */
  refresh(): void;
  /** A new Device with a new token. */
  restart(): void;
}

export class TwilioRegistration {
  running = false;
  registered = false;
  private offline = false;
  /** One fresh token per expiry: a token refused again is no expiry. */
  private refreshed = false;
  private readonly retry: RetrySchedule;

  constructor(private readonly h: RegistrationHooks) {
    this.retry = new RetrySchedule(h, () => {
      if (!this.running) return;
      this.h.dispatch({ type: 'reg/connecting', at: this.h.now() });
      this.h.restart();
    });
  }

  onStatus(status: TwilioVoiceStatus, detail?: string, error?: unknown): void {
    if (!this.running) return;
    const at = this.h.now();
    if (status === 'registering') this.h.dispatch({ type: 'reg/connected', at });
    if (status === 'registered') {
      // The SDK's signalling reconnected by itself: the call's signalling is back too.
      if (this.offline) this.h.dispatch({ type: 'reg/connected', at });
      this.registered = true;
      this.offline = false;
      this.refreshed = false;
      this.retry.reset();
      this.h.dispatch({ type: 'reg/registered', at });
    }
    if (status === 'unregistered') {
      // Only the signalling went away (device.js _onSignalingOffline); the SDK reconnects it.
      this.registered = false;
      this.offline = true;
      this.h.dispatch({ type: 'reg/transport-lost', at, detail: 'Twilio 信令连接中断 (Twilio signalling offline)' });
    }
    if (status === 'error') this.onError(error, detail ?? errorText(error));
  }

  private onError(error: unknown, detail: string): void {
    const at = this.h.now();
    const trouble = tokenTrouble(twilioCode(error));
    if (trouble === 'expired' && !this.refreshed) {
      this.refreshed = true;
      this.h.refresh();
    } else if (trouble || typeof (error as { code?: unknown } | null)?.code === 'string') {
      // Twilio refused the token, or main refused to mint one (an ApiError: Twilio voice no
      // longer configured, or the session ended).
      this.h.dispatch({ type: 'reg/token-refused', at, detail });
    } else if (!this.registered) {
      this.h.dispatch({ type: 'reg/transport-lost', at, detail });
      this.retry.schedule();
    }
  }

  start(): void {
    this.stop();
    this.running = true;
  }

  stop(): void {
    this.running = false;
    this.registered = false;
    this.retry.cancel();
  }
}
