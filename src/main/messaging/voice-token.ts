import type { TwilioVoiceToken } from '../../shared/contract/messaging';
import { ApiError } from '../api/errors';
import { beijingTimestamp, type Clock } from '../util/clock';
import type { TwilioConfig } from './config';
import { loadTwilio } from './twilio-provider';

// A Twilio Voice access token for @twilio/voice-sdk in the renderer: a JWT signed with the
// API key secret, carrying a Voice grant (outgoing calls through the configured TwiML app,
// incoming calls to this identity). Only the token leaves main, never the secret.

/** Main can mint Voice tokens: a TwiML app is configured and an API key signs the tokens. */
export const twilioVoiceReady = (cfg: TwilioConfig | null | undefined): boolean => !!(cfg?.voice && cfg.apiKey && cfg.apiSecret);

export async function mintVoiceToken(cfg: TwilioConfig | null | undefined, identity: string, clock: Clock): Promise<TwilioVoiceToken> {
  if (!cfg?.voice) throw new ApiError('invalid_input', '未配置 Twilio 语音 (Twilio voice is not configured: twilio.voice.twimlAppSid)');
  // Twilio accepts access tokens signed with an API key only, never with the auth token.
  if (!cfg.apiKey || !cfg.apiSecret)
    throw new ApiError('invalid_input', 'Twilio 语音需要 API Key (set FOLLOWUP_TWILIO_API_KEY and FOLLOWUP_TWILIO_API_SECRET)');
  const twilio = await loadTwilio();
  const { AccessToken } = twilio.jwt;
  const ttl = Math.min(cfg.voice.ttlSeconds, 3600);
  const token = new AccessToken(cfg.accountSid, cfg.apiKey, cfg.apiSecret, { identity, ttl });
  token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: cfg.voice.twimlAppSid, incomingAllow: true }));
  return { token: token.toJwt(), identity, ttlSeconds: ttl, expiresAt: beijingTimestamp(new Date(clock.now().getTime() + ttl * 1000)) };
}
