import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { candidateNumbers } from '../../src/main/patients/phone-match';
import { fileKeyBox, SecretBoxMismatch } from '../../src/main/calls/secret-box';
import { safeStorageBox } from '../../src/main/electron/secret-box';
import { contentSecurityPolicy } from '../../src/main/electron/security';
import { cspWith } from '../../src/main/http/static';
import { resolveDevices, type DeviceInfo } from '../../src/renderer/features/softphone/devices';
import { isDialable, rankPhones } from '../../src/renderer/features/softphone/phones';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-box-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('headset devices', () => {
  const plugged: DeviceInfo[] = [
    { deviceId: 'mic-usb', label: 'Jabra Mic', kind: 'audioinput' },
    { deviceId: 'spk-usb', label: 'Jabra Speaker', kind: 'audiooutput' },
    { deviceId: 'spk-pc', label: 'PC Speaker', kind: 'audiooutput' },
  ];
  const prefs = { mic: 'mic-usb', speaker: 'spk-usb', ring: 'spk-pc' };

  it('keeps the chosen devices while they are plugged in', () => {
    expect(resolveDevices(prefs, plugged)).toEqual({ ...prefs, missing: [] });
  });

  it('falls back to the default for an unplugged headset and names what went missing', () => {
    const unplugged = plugged.filter((d) => !d.deviceId.endsWith('usb'));
    const r = resolveDevices(prefs, unplugged, { 'mic-usb': 'Jabra Mic', 'spk-usb': 'Jabra Speaker' });
    expect(r).toMatchObject({ mic: 'default', speaker: 'default', ring: 'spk-pc' });
    expect(r.missing).toEqual([
      { role: 'mic', label: 'Jabra Mic' },
      { role: 'speaker', label: 'Jabra Speaker' },
    ]);
  });

  it('never reports the default as missing', () => {
    expect(resolveDevices({ mic: 'default', speaker: 'default', ring: 'default' }, []).missing).toEqual([]);
  });
});

describe('phone ranking', () => {
  const p = (number: string, successCount: number, failCount: number, more: object = {}) => ({
    number,
    role: 'self' as const,
    successCount,
    failCount,
    ...more,
  });

  it('tries the number that answered most, never a wrong one first, the patient before a contact', () => {
    const ranked = rankPhones([p('111', 0, 3), p('222', 2, 0, { wrongNumber: true }), p('333', 2, 1), p('444', 2, 1, { role: 'contact' }), p('555', 0, 0)]);
    expect(ranked.map((x) => x.number)).toEqual(['333', '444', '555', '111', '222']);
  });

  it("follows the follow-up feature's own suggestion first", () => {
    expect(rankPhones([p('1', 5, 0), p('2', 0, 0, { suggested: true })]).map((x) => x.number)).toEqual(['2', '1']);
  });

  it('refuses masked numbers', () => {
    expect(isDialable('13800138000')).toBe(true);
    expect(isDialable('010-62345678')).toBe(true);
    expect(isDialable('138****8000')).toBe(false);
  });
});

describe('caller ID matching', () => {
  it('turns what the gateway sends into the stored forms', () => {
    expect(candidateNumbers('+8613800138000').exact).toContain('13800138000');
    expect(candidateNumbers('01062345678').exact).toEqual(expect.arrayContaining(['010-62345678', '0106-2345678']));
    expect(candidateNumbers('62345678').localLandline).toBe('62345678');
    expect(candidateNumbers('13800138000').localLandline).toBeNull();
  });
});

describe('secret boxes', () => {
  it('seals with AES-256-GCM under a 0600 key file, and refuses another key', () => {
    const dir = tmp();
    const box = fileKeyBox(dir);
    const sealed = box.seal('sip-password');
    expect(sealed).toMatch(/^gcm:/);
    expect(sealed).not.toContain('sip-password');
    expect(box.open(sealed)).toBe('sip-password');
    expect(box.seal('x')).not.toBe(box.seal('x')); // a fresh IV each time
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(() => fileKeyBox(tmp()).open(sealed)).toThrow(SecretBoxMismatch);
    expect(() => box.open('os:AAAA')).toThrow(SecretBoxMismatch);
  });

  it('uses the OS keychain on the desktop, and still opens what the browser shell sealed', () => {
    const fake = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc(${s})`),
      decryptString: (b: Buffer) => /^enc\((.*)\)$/.exec(b.toString())![1],
    };
    const file = fileKeyBox(tmp());
    const box = safeStorageBox(fake, file);
    const sealed = box.seal('pw');
    expect(sealed).toMatch(/^os:/);
    expect(box.open(sealed)).toBe('pw');
    expect(box.open(file.seal('from-serve'))).toBe('from-serve');
    const noKeychain = safeStorageBox({ ...fake, isEncryptionAvailable: () => false }, file);
    expect(noKeychain.seal('pw')).toMatch(/^gcm:/);
  });
});

describe('CSP with the SIP server', () => {
  it('adds the WebSocket origin to connect-src and keeps media-src for recordings', () => {
    const serve = cspWith(['wss://pbx.hospital.local:8089']);
    expect(serve).toContain("connect-src 'self' wss://pbx.hospital.local:8089;");
    expect(serve).toContain("media-src 'self' blob:");
    expect(cspWith()).toContain("connect-src 'self';");
    const desktop = contentSecurityPolicy({ dev: false, connectSrc: ['ws://10.0.0.5:8088'] });
    expect(desktop).toContain("connect-src 'self' ws://10.0.0.5:8088");
    expect(desktop).toContain("media-src 'self' blob:");
  });
});
