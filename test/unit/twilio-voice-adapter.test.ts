import { describe, expect, it } from 'vitest';
import { TwilioVoice, type TwilioVoiceStatus } from '../../src/renderer/features/twilio-voice/twilio-voice';
import { FakeDevice } from '../helpers/twilio-voice-fakes';

function setup(tokenFails = false) {
  let n = 0;
  const statuses: [TwilioVoiceStatus, string | undefined][] = [];
  const incoming: (string | null)[] = [];
  let device: FakeDevice | null = null;
  const voice = new TwilioVoice({
    token: async () => {
      if (tokenFails) throw Object.assign(new Error('未配置 Twilio 语音'), { code: 'invalid_input' });
      return { token: `jwt-${++n}`, identity: 'nurse1', ttlSeconds: 3600, expiresAt: '' };
    },
    onStatus: (s, d) => statuses.push([s, d]),
    onIncoming: (_call, from) => incoming.push(from),
    createDevice: async (token) => (device = new FakeDevice(token)),
  });
  return { voice, statuses, incoming, device: () => device! };
}

describe('Twilio Voice adapter', () => {
  it('registers with the token from main and refreshes it before it expires', async () => {
    const s = setup();
    await s.voice.start();
    expect(s.statuses.map((x) => x[0])).toEqual(['registering', 'registering', 'registered']);
    s.device().emit('tokenWillExpire');
    await new Promise((r) => setTimeout(r, 0));
    expect(s.device().tokens).toEqual(['jwt-1', 'jwt-2']);
  });

  it('dials through the TwiML app with To, reports incoming callers and errors, and tears down', async () => {
    const s = setup();
    await s.voice.start();
    await s.voice.dial('+8613800138000');
    expect(s.device().dialled).toEqual([{ To: '+8613800138000' }]);
    s.device().emit('incoming', { parameters: { From: '+8613900139000' } });
    expect(s.incoming).toEqual(['+8613900139000']);
    s.device().emit('error', { code: 31205, message: 'JWT token expired' });
    expect(s.statuses.at(-1)).toEqual(['error', '31205 JWT token expired']);
    const d = s.device();
    s.voice.stop();
    expect(d.destroyed).toBe(true);
    expect(s.voice.started).toBe(false);
    await expect(s.voice.dial('1')).rejects.toThrow(/not started/);
  });

  it('reports a workstation without Twilio voice as an error instead of throwing', async () => {
    const s = setup(true);
    await s.voice.start();
    expect(s.statuses.at(-1)).toEqual(['error', 'invalid_input 未配置 Twilio 语音']);
    expect(s.voice.started).toBe(false);
  });
});
