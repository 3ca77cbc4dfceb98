import { z } from 'zod';

// Twilio and SMS settings. Non-secret values live in <dataDir>/config.json; secrets come from
// environment variables (they may also be in the file, the environment wins). The resolved
// object stays in main: nothing here is logged or returned to the renderer.
//
//   FOLLOWUP_TWILIO_ACCOUNT_SID, FOLLOWUP_TWILIO_AUTH_TOKEN,
//   FOLLOWUP_TWILIO_API_KEY, FOLLOWUP_TWILIO_API_SECRET

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `expected ${prefix} followed by 32 hex digits`);
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number (+86…)');
const httpUrl = z
  .string()
  .url()
  .refine((s) => /^https?:\/\//.test(s), 'expected an http(s) URL');

export const twilioFileSchema = z
  .object({
    accountSid: sid('AC').optional(),
    authToken: z.string().min(1).optional(),
    apiKey: sid('SK').optional(),
    apiSecret: z.string().min(1).optional(),
    messagingServiceSid: sid('MG').optional(),
    from: e164.optional(),
    /** The public URL Twilio posts delivery receipts to (this server's POST /twilio/status). */
    statusCallbackUrl: httpUrl.optional(),
    /** The public URL configured for inbound SMS; default: statusCallbackUrl with …/status → …/inbound. */
    inboundUrl: httpUrl.optional(),
    voice: z
      .object({
        twimlAppSid: sid('AP'),
        /** Access token lifetime; Twilio allows up to 24 h, we keep it to at most one hour. */
        ttlSeconds: z.number().int().min(60).max(3600).default(3600),
      })
      .strict()
      .optional(),
  })
  .strict();

export const smsFileSchema = z
  .object({
    /** Signs every SMS (【…】) and fills {hospital}; Chinese carriers require a signature. */
    hospitalName: z.string().min(1).max(32).default('本院'),
  })
  .strict();

export interface TwilioConfig {
  accountSid: string;
  /** Signs webhooks; REST auth when no API key is set. */
  authToken: string | null;
  apiKey: string | null;
  apiSecret: string | null;
  messagingServiceSid: string | null;
  from: string | null;
  statusCallbackUrl: string | null;
  inboundUrl: string | null;
  voice: { twimlAppSid: string; ttlSeconds: number } | null;
}

export interface SmsConfig {
  hospitalName: string;
}

type TwilioFile = z.infer<typeof twilioFileSchema>;

/** Null when Twilio is not configured: SMS then goes to the log-only provider. */
export function resolveTwilio(file: TwilioFile | undefined, env: NodeJS.ProcessEnv): TwilioConfig | null {
  const accountSid = env.FOLLOWUP_TWILIO_ACCOUNT_SID || file?.accountSid;
  if (!accountSid) return null;
  if (!sid('AC').safeParse(accountSid).success) throw new Error('twilio: the account SID must be AC followed by 32 hex digits');
  const apiKeyEnv = env.FOLLOWUP_TWILIO_API_KEY;
  if (apiKeyEnv && !sid('SK').safeParse(apiKeyEnv).success) throw new Error('twilio: FOLLOWUP_TWILIO_API_KEY must be SK followed by 32 hex digits');
  const c: TwilioConfig = {
    accountSid,
    authToken: env.FOLLOWUP_TWILIO_AUTH_TOKEN || file?.authToken || null,
    apiKey: env.FOLLOWUP_TWILIO_API_KEY || file?.apiKey || null,
    apiSecret: env.FOLLOWUP_TWILIO_API_SECRET || file?.apiSecret || null,
    messagingServiceSid: file?.messagingServiceSid ?? null,
    from: file?.from ?? null,
    statusCallbackUrl: file?.statusCallbackUrl ?? null,
    inboundUrl: file?.inboundUrl ?? null,
    voice: file?.voice ? { twimlAppSid: file.voice.twimlAppSid, ttlSeconds: file.voice.ttlSeconds ?? 3600 } : null,
  };
  // Refused at start rather than at the first send: a half configuration fails loudly.
  if (!c.authToken && !(c.apiKey && c.apiSecret))
    throw new Error('twilio: set FOLLOWUP_TWILIO_AUTH_TOKEN, or FOLLOWUP_TWILIO_API_KEY and FOLLOWUP_TWILIO_API_SECRET');
  if (!c.messagingServiceSid && !c.from) throw new Error('twilio: set messagingServiceSid or from');
  return c;
}

export const resolveSms = (file: z.infer<typeof smsFileSchema> | undefined): SmsConfig => ({ hospitalName: file?.hospitalName ?? '本院' });
