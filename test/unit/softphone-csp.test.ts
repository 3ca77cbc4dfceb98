import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { softphoneConnectSrc, TWILIO_VOICE_CONNECT_SRC } from '../../src/main/calls/csp-sources';
import { contentSecurityPolicy } from '../../src/main/electron/security';
import { CSP, cspWith } from '../../src/main/http/static';
import type { TwilioConfig } from '../../src/main/messaging/config';
import { twilioVoiceReady } from '../../src/main/messaging/voice-token';

// The renderer's connect-src decision, for browser mode (http/static.ts) and the Electron shell
// (electron/security.ts): Twilio's endpoints only when Twilio voice is configured.

const twilio = (more: Partial<TwilioConfig>): TwilioConfig => ({
  accountSid: 'AC' + '0'.repeat(32),
  authToken: 'tok',
  apiKey: null,
  apiSecret: null,
  messagingServiceSid: 'MG' + '0'.repeat(32),
  from: null,
  statusCallbackUrl: null,
  inboundUrl: null,
  voice: null,
  ...more,
});

/** The built page's own policy, the <meta> in src/renderer/index.html. */
const metaPolicy = () => {
  const html = fs.readFileSync(path.resolve(__dirname, '../../src/renderer/index.html'), 'utf8');
  return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1];
};

const connectSrc = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src')!
    .slice(1);

/** CSP source matching, for the expressions these policies use: scheme-only, and origins with an optional `*.` host. */
function allows(sources: string[], url: string): boolean {
  const u = new URL(url);
  return sources.some((s) => {
    if (/^[a-z]+:$/.test(s)) return u.protocol === s;
    const m = /^([a-z]+):\/\/(\*\.)?([^/:]+)(?::(\d+))?$/.exec(s);
    if (!m || u.protocol !== `${m[1]}:` || (m[4] ?? '') !== u.port) return false;
    return m[2] ? u.hostname.endsWith(`.${m[3]}`) : u.hostname === m[3];
  });
}

describe('softphone CSP sources', () => {
  it('leaves the default policy unchanged without Twilio voice', () => {
    expect(softphoneConnectSrc([], false)).toEqual([]);
    expect(cspWith(softphoneConnectSrc([], false))).toBe(CSP);
    expect(contentSecurityPolicy({ dev: false, connectSrc: softphoneConnectSrc([], false) })).toBe(contentSecurityPolicy({ dev: false }));
    expect(softphoneConnectSrc(['wss://pbx.hospital.local:8089'], false)).toEqual(['wss://pbx.hospital.local:8089']);
  });

  it('adds the Voice SDK signalling and Insights endpoints when Twilio voice is configured', () => {
    const src = softphoneConnectSrc(['wss://pbx.hospital.local:8089'], true);
    expect(src).toEqual(['wss://pbx.hospital.local:8089', ...TWILIO_VOICE_CONNECT_SRC]);
    for (const host of ['wss://voice-js.roaming.twilio.com', 'wss://*.twilio.com', 'https://eventgw.twilio.com']) expect(cspWith(src)).toContain(host);
    expect(contentSecurityPolicy({ dev: false, connectSrc: src })).toContain(
      "connect-src 'self' wss://pbx.hospital.local:8089 wss://voice-js.roaming.twilio.com",
    );
  });

  it("lets Twilio through both the page's meta policy and the header (both apply) only when Twilio voice is configured", () => {
    const meta = connectSrc(metaPolicy());
    for (const twilioVoice of [true, false]) {
      const src = softphoneConnectSrc(['wss://pbx.hospital.local:8089'], twilioVoice);
      // Browser mode (http/static.ts) and the desktop shell (electron/security.ts).
      for (const header of [cspWith(src), contentSecurityPolicy({ dev: false, connectSrc: src })]) {
        const reachable = (url: string) => allows(meta, url) && allows(connectSrc(header), url);
        expect(reachable('https://eventgw.twilio.com/v4/EndpointEvents')).toBe(twilioVoice);
        expect(reachable('wss://voice-js.roaming.twilio.com/signal')).toBe(twilioVoice);
        expect(reachable('wss://pbx.hospital.local:8089/ws')).toBe(true);
        expect(reachable('https://example.com/collect')).toBe(false);
        expect(reachable('wss://example.com/ws')).toBe(false);
      }
    }
  });

  it('counts Twilio voice as configured only with a TwiML app and an API key to sign tokens', () => {
    expect(twilioVoiceReady(null)).toBe(false);
    expect(twilioVoiceReady(twilio({}))).toBe(false);
    const voice = { twimlAppSid: 'AP' + '0'.repeat(32), ttlSeconds: 3600 };
    expect(twilioVoiceReady(twilio({ voice }))).toBe(false); // auth token only: Twilio refuses such tokens
    expect(twilioVoiceReady(twilio({ voice, apiKey: 'SK' + '0'.repeat(32), apiSecret: 's' }))).toBe(true);
  });
});
