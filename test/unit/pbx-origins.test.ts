import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { softphoneCspSources } from '../../src/main/calls/csp-sources';
import { isAllowedPbxUrl, parsePbxOrigin, pbxCspSources } from '../../src/main/calls/pbx-origins';
import { loadConfig } from '../../src/main/config';
import { cspWith } from '../../src/main/http/static';

// The PBX WebSocket servers come from the admin's config alone: the CSP names them, and a nurse's
// account must point at one of them.

const admin = ['wss://pbx.hospital.local:8089', 'ws://127.0.0.1:*', 'WSS://PBX2.hospital.local:443'];

describe('PBX origins from the admin config', () => {
  it('reads ws(s) origins, with a port, any port (*) or none', () => {
    expect(parsePbxOrigin('wss://pbx.hospital.local:8089')).toEqual({ scheme: 'wss', host: 'pbx.hospital.local', port: '8089' });
    expect(parsePbxOrigin('ws://127.0.0.1:*')).toEqual({ scheme: 'ws', host: '127.0.0.1', port: '*' });
    expect(parsePbxOrigin('WSS://PBX2.hospital.local:443')).toEqual({ scheme: 'wss', host: 'pbx2.hospital.local', port: '' });
    expect(parsePbxOrigin('ws://[::1]:8088')).toEqual({ scheme: 'ws', host: '[::1]', port: '8088' });
  });

  it('refuses anything that is not a plain ws(s) origin (it would land in a header)', () => {
    for (const bad of [
      'https://pbx.hospital.local',
      'wss://*.hospital.local',
      'wss://pbx.hospital.local/ws',
      "wss://x' 'unsafe-inline",
      'wss://user@pbx.hospital.local',
      'wss://pbx.hospital.local:99999',
      'wss://',
      '*',
    ])
      expect(parsePbxOrigin(bad), bad).toBeNull();
  });

  it("puts the admin's servers, normalised, into connect-src", () => {
    expect(pbxCspSources(admin)).toEqual(['ws://127.0.0.1:*', 'wss://pbx.hospital.local:8089', 'wss://pbx2.hospital.local']);
    expect(cspWith(softphoneCspSources({ softphone: { pbxWebSocketOrigins: admin }, twilio: null }))).toContain(
      "connect-src 'self' ws://127.0.0.1:* wss://pbx.hospital.local:8089 wss://pbx2.hospital.local;",
    );
    expect(softphoneCspSources({ softphone: { pbxWebSocketOrigins: [] }, twilio: null })).toEqual([]);
  });

  it("accepts a nurse's server only when it is on the list", () => {
    for (const ok of ['wss://pbx.hospital.local:8089/ws', 'WSS://PBX.hospital.local:8089', 'ws://127.0.0.1:5066/', 'wss://pbx2.hospital.local/ws'])
      expect(isAllowedPbxUrl(ok, admin), ok).toBe(true);
    for (const bad of [
      'wss://evil.example',
      'wss://pbx.hospital.local.evil.example:8089',
      'wss://evil.example/wss://pbx.hospital.local:8089',
      'wss://pbx.hospital.local:8089@evil.example',
      'wss://u:p@pbx.hospital.local:8089',
      'wss://pbx.hospital.local:8090',
      'ws://pbx.hospital.local:8089',
      'wss://127.0.0.1:5066',
      'wss://pbx2.hospital.local:8443',
      'wss://pbx.hospita1.local:8089',
      'https://pbx.hospital.local:8089',
      'not a url',
    ])
      expect(isAllowedPbxUrl(bad, admin), bad).toBe(false);
    expect(isAllowedPbxUrl('wss://pbx.hospital.local:8089', [])).toBe(false);
  });

  it('is an admin setting in config.json that refuses a malformed entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-pbx-config-'));
    try {
      expect(loadConfig(dir, {}).softphone).toEqual({ pbxWebSocketOrigins: [] });
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ softphone: { pbxWebSocketOrigins: ['wss://pbx.hospital.local:8089'] } }));
      expect(loadConfig(dir, {}).softphone).toEqual({ pbxWebSocketOrigins: ['wss://pbx.hospital.local:8089'] });
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ softphone: { pbxWebSocketOrigins: ['wss://*.evil.example'] } }));
      expect(() => loadConfig(dir, {})).toThrow(/softphone\.pbxWebSocketOrigins\.0: expected a ws:\/\/ or wss:\/\/ origin/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
