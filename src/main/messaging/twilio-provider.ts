import type { TwilioConfig } from './config';
import { SmsProviderError, type SmsProvider } from './provider';
import { fromTwilioStatus } from './status';

// The real `twilio` library, loaded only when Twilio is configured (a workstation without it
// never loads the library). Tests pass an `httpClient` that wraps the library's own
// RequestClient and points it at a local fake (test/helpers/fake-twilio.ts).

type TwilioSdk = typeof import('twilio');

let sdk: Promise<TwilioSdk> | null = null;
export function loadTwilio(): Promise<TwilioSdk> {
  // CommonJS module: under tsc's require() interop and vite's ESM alike, the callable export
  // is either the namespace's default or the namespace itself.
  sdk ??= import('twilio').then((m) => ((m as unknown as { default?: TwilioSdk }).default ?? m) as TwilioSdk);
  return sdk;
}

export interface TwilioClientOptions {
  /** A RequestClient-compatible object (the library's `httpClient` client option). */
  httpClient?: unknown;
}

export async function twilioClient(cfg: TwilioConfig, opts: TwilioClientOptions = {}) {
  const twilio = await loadTwilio();
  const base = opts.httpClient ? { httpClient: opts.httpClient as never } : {};
  // An API key (SK…) is preferred for REST; the auth token still signs webhooks.
  return cfg.apiKey && cfg.apiSecret
    ? twilio(cfg.apiKey, cfg.apiSecret, { ...base, accountSid: cfg.accountSid })
    : twilio(cfg.accountSid, cfg.authToken!, base);
}

interface RestError {
  status?: unknown;
  code?: unknown;
  message?: string;
}

export function twilioProvider(cfg: TwilioConfig, opts: TwilioClientOptions = {}): SmsProvider {
  let client: ReturnType<typeof twilioClient> | null = null;
  return {
    name: 'twilio',
    async send({ to, body, statusCallback }) {
      client ??= twilioClient(cfg, opts);
      const c = await client;
      try {
        const m = await c.messages.create({
          to,
          body,
          ...(cfg.messagingServiceSid ? { messagingServiceSid: cfg.messagingServiceSid } : { from: cfg.from! }),
          ...(statusCallback ? { statusCallback } : {}),
        });
        return { sid: m.sid, status: fromTwilioStatus(m.status) ?? 'queued' };
      } catch (err) {
        const e = err as RestError;
        // A 4xx with a Twilio error code: Twilio answered and refused, nothing was sent.
        if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
          throw new SmsProviderError(String(e.code ?? e.status), String(e.message ?? 'refused by Twilio').slice(0, 256), true);
        // Network errors and 5xx: the message may or may not have gone out.
        throw new SmsProviderError(typeof e.status === 'number' ? String(e.status) : 'network', String(e.message ?? err).slice(0, 256), false);
      }
    },
  };
}
