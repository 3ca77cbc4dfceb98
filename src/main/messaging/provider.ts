import type { MessageStatus } from '../../shared/contract/messaging';
import { maskE164 } from './text';

// Where SMS go. Twilio when configured (twilio-provider.ts), else the log-only provider so
// that templates, opt-outs, the timeline and the monthly loop all work without a contract.

export interface OutgoingSms {
  to: string; // E.164
  body: string;
  /** Where the provider should post delivery receipts for this message, if anywhere. */
  statusCallback: string | null;
}

export interface ProviderAccepted {
  sid: string | null;
  status: MessageStatus;
}

/**
 * A refusal by the provider. `definite`: the provider answered and did not take the message
 * (so it was certainly not sent); false for network errors, where it may have been.
 */
export class SmsProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly definite: boolean,
  ) {
    super(message);
  }
}

/** Twilio's "attempt to send to unsubscribed recipient": the number replied STOP at the carrier. */
export const UNSUBSCRIBED = '21610';

export interface SmsProvider {
  readonly name: 'twilio' | 'log';
  send(sms: OutgoingSms): Promise<ProviderAccepted>;
}

export function logProvider(log: (m: string) => void = () => {}): SmsProvider {
  return {
    name: 'log',
    async send(sms) {
      // The number is masked even here: logs travel further than the database.
      log(`sms (log only, Twilio not configured) to ${maskE164(sms.to)}: ${sms.body}`);
      return { sid: null, status: 'logged' };
    },
  };
}
