import type { TwilioConfig } from '../messaging/config';
import { twilioVoiceReady } from '../messaging/voice-token';
import { pbxCspSources } from './pbx-origins';

// What the renderer's connect-src adds for the softphone: the PBX WebSocket servers the admin
// configured (never a nurse's saved account: that would widen every page's CSP, the login page's
// too), and Twilio's endpoints only when this installation can mint Twilio Voice tokens.

/**
 * The Voice JS SDK v2's endpoints (its es5/twilio/regions.js and Twilio's "Voice SDKs Network
 * Connectivity Requirements"): signalling `wss://voice-js.roaming.twilio.com/signal`, which
 * moves to the edge it landed on (voice-js.<edge>.twilio.com) for reconnects; Insights
 * `https://eventgw.twilio.com` (eventgw.<region>.twilio.com); its sounds from sdk.twilio.com.
 * Media is WebRTC (SRTP over UDP), which connect-src does not govern.
 */
export const TWILIO_VOICE_CONNECT_SRC: readonly string[] = [
  'wss://voice-js.roaming.twilio.com',
  'wss://*.twilio.com',
  'https://eventgw.twilio.com',
  'https://*.twilio.com',
];

export function softphoneConnectSrc(sipOrigins: readonly string[], twilioVoice: boolean): string[] {
  return twilioVoice ? [...sipOrigins, ...TWILIO_VOICE_CONNECT_SRC] : [...sipOrigins];
}

export function softphoneCspSources(config: { softphone?: { pbxWebSocketOrigins: readonly string[] }; twilio?: TwilioConfig | null }): string[] {
  return softphoneConnectSrc(pbxCspSources(config.softphone?.pbxWebSocketOrigins ?? []), twilioVoiceReady(config.twilio));
}
