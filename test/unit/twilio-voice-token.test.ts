import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveTwilio } from '../../src/main/messaging/config';
import { mintVoiceToken } from '../../src/main/messaging/voice-token';
import type { Clock } from '../../src/main/util/clock';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const KEY = `SK${'2'.repeat(32)}`;
const APP = `AP${'3'.repeat(32)}`;
const SECRET = 'api-secret-not-for-the-renderer';
const clock: Clock = { now: () => new Date('2026-11-20T02:00:00Z') };

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** An HS256 JWT checked offline: signature with the secret, then header and payload. */
function verifyJwt(token: string, secret: string) {
  const [h, p, s] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const ok = timingSafeEqual(expected, b64url(s));
  return { ok, header: JSON.parse(b64url(h).toString('utf8')), payload: JSON.parse(b64url(p).toString('utf8')) };
}

describe('Twilio Voice access token (calls.twilioToken)', () => {
  const cfg = resolveTwilio(
    { accountSid: ACCOUNT, apiKey: KEY, apiSecret: SECRET, from: '+8613800000000', voice: { twimlAppSid: APP, ttlSeconds: 3600 } },
    {},
  )!;

  it('is signed with the API key secret and carries identity, Voice grant and at most one hour', async () => {
    const t = await mintVoiceToken(cfg, 'nurse1', clock);
    expect(t).toMatchObject({ identity: 'nurse1', ttlSeconds: 3600, expiresAt: '2026-11-20 11:00:00' });
    const { ok, header, payload } = verifyJwt(t.token, SECRET);
    expect(ok).toBe(true);
    expect(verifyJwt(t.token, 'some-other-secret').ok).toBe(false);
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(payload).toMatchObject({ iss: KEY, sub: ACCOUNT });
    expect(payload.jti).toMatch(new RegExp(`^${KEY}-\\d+$`));
    expect(payload.grants).toEqual({ identity: 'nurse1', voice: { incoming: { allow: true }, outgoing: { application_sid: APP } } });
    expect(payload.exp - payload.iat).toBe(3600);
    expect(t.token).not.toContain(SECRET);
  });

  it('uses a shorter configured lifetime', async () => {
    const short = await mintVoiceToken({ ...cfg, voice: { twimlAppSid: APP, ttlSeconds: 600 } }, 'nurse2', clock);
    const { payload } = verifyJwt(short.token, SECRET);
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.grants.identity).toBe('nurse2');
  });

  it('refuses without voice settings or without an API key (Twilio rejects tokens signed with the auth token)', async () => {
    await expect(mintVoiceToken(null, 'nurse1', clock)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(mintVoiceToken({ ...cfg, voice: null }, 'nurse1', clock)).rejects.toThrow(/not configured/);
    await expect(mintVoiceToken({ ...cfg, apiKey: null, apiSecret: null, authToken: 'tok' }, 'nurse1', clock)).rejects.toThrow(/API Key/);
  });

  it('reads secrets from the environment and refuses half configurations', () => {
    const env = { FOLLOWUP_TWILIO_API_KEY: KEY, FOLLOWUP_TWILIO_API_SECRET: 'from-env', FOLLOWUP_TWILIO_AUTH_TOKEN: 'tok-env' };
    const c = resolveTwilio({ accountSid: ACCOUNT, messagingServiceSid: `MG${'4'.repeat(32)}` }, env)!;
    expect(c).toMatchObject({ apiKey: KEY, apiSecret: 'from-env', authToken: 'tok-env' });
    expect(resolveTwilio(undefined, {})).toBeNull();
    expect(() => resolveTwilio({ accountSid: ACCOUNT, from: '+8613800000000' }, {})).toThrow(/AUTH_TOKEN/);
    expect(() => resolveTwilio({ accountSid: ACCOUNT, authToken: 'x' }, {})).toThrow(/messagingServiceSid or from/);
    expect(() => resolveTwilio(undefined, { FOLLOWUP_TWILIO_ACCOUNT_SID: 'nope', FOLLOWUP_TWILIO_AUTH_TOKEN: 'x' })).toThrow(/AC followed/);
  });
});
