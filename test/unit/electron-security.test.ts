import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, devOrigin, externalUrl, fileOrigin, isAppUrl, isPermissionAllowed } from '../../src/main/electron/security';

const INDEX = '/opt/随访工作站/resources/app.asar/.vite/renderer/main_window/index.html';
const built = fileOrigin(pathToFileURL(INDEX).href, false);
const dev = devOrigin('http://localhost:5173');
const own = (p: string) => pathToFileURL(`/opt/随访工作站/resources/app.asar/.vite/renderer/main_window/${p}`).href;

describe('isAppUrl for a packaged build (file:)', () => {
  it('accepts the renderer index and its assets, with hash routes and queries', () => {
    expect(isAppUrl(own('index.html'), built)).toBe(true);
    expect(isAppUrl(`${own('index.html')}#/patients/12`, built)).toBe(true);
    expect(isAppUrl(own('assets/index-abc.js?v=1'), built)).toBe(true);
  });

  it('refuses files outside the renderer directory, however they are spelled', () => {
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
    expect(isAppUrl(pathToFileURL('/opt/随访工作站/resources/app.asar/.vite/renderer/main_window_evil/index.html').href, built)).toBe(false);
    expect(isAppUrl(`${own('')}../../../../../../etc/passwd`, built)).toBe(false);
    expect(isAppUrl(`${own('')}%2e%2e/%2e%2e/build/main.js`, built)).toBe(false);
    expect(isAppUrl(`${own('')}..%2F..%2Fbuild%2Fmain.js`, built)).toBe(false);
    expect(isAppUrl(own('index.html').replace('file:///', 'file://evil-host/'), built)).toBe(false);
    expect(isAppUrl('file:///tmp/downloaded/index.html', built)).toBe(false);
  });

  it('refuses other schemes and junk', () => {
    expect(isAppUrl('javascript:alert(1)', built)).toBe(false);
    expect(isAppUrl('data:text/html,<script>alert(1)</script>', built)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', built)).toBe(false);
    expect(isAppUrl('not a url', built)).toBe(false);
    expect(isAppUrl('', built)).toBe(false);
  });

  it('compares case-insensitively only when told to (Windows paths)', () => {
    const win = fileOrigin('file:///C:/Program%20Files/App/resources/app.asar/.vite/renderer/main_window/index.html', true);
    expect(isAppUrl('file:///c:/program%20files/app/resources/app.asar/.vite/renderer/main_window/index.html', win)).toBe(true);
    expect(isAppUrl('file:///C:/Program%20Files/App/resources/other/index.html', win)).toBe(false);
    expect(isAppUrl(own('INDEX.html').replace('main_window', 'MAIN_WINDOW'), built)).toBe(false);
  });
});

describe('isAppUrl under the dev server', () => {
  it('accepts exactly the dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx?t=1#x', dev)).toBe(true);
  });

  it('refuses lookalike hosts, other ports and schemes', () => {
    for (const url of [
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://localhost.evil.com:5173/',
      'http://localhost:5173.evil.com/',
      'http://127.0.0.1.evil.com/',
      'http://evil.com/?http://localhost:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ])
      expect(isAppUrl(url, dev), url).toBe(false);
  });

  it('rejects a dev server URL that is not http(s)', () => {
    expect(() => devOrigin('file:///tmp')).toThrow();
    expect(() => fileOrigin('http://localhost/index.html', false)).toThrow();
  });
});

describe('externalUrl (shell.openExternal)', () => {
  // The admin's allow-list (config desktop.openExternalOrigins).
  const sites = ['https://www.nhc.gov.cn', 'http://intranet.hospital.local', 'https://example.com'];

  it('passes plain web links to the sites the admin allows, normalised', () => {
    expect(externalUrl('https://www.nhc.gov.cn/', sites)).toBe('https://www.nhc.gov.cn/');
    expect(externalUrl('http://intranet.hospital.local/guide', sites)).toBe('http://intranet.hospital.local/guide');
    expect(externalUrl('HTTPS://Example.COM', sites)).toBe('https://example.com/');
    expect(externalUrl('https://example.com:443/a?b#c', sites)).toBe('https://example.com/a?b#c');
  });

  it('opens nothing when the admin allows no site (the default)', () => {
    expect(externalUrl('https://www.nhc.gov.cn/', [])).toBeNull();
  });

  it('refuses every other site, look-alikes included', () => {
    for (const url of [
      'https://evil.com/',
      'https://www.nhc.gov.cn.evil.com/',
      'https://evil.com/https://www.nhc.gov.cn/',
      'https://evil.com\\@www.nhc.gov.cn/',
      'https://www.nhc.gov.cn@evil.com/',
      'https://www.nhc.gov.cn:8443/',
      'http://www.nhc.gov.cn/', // the admin named https
      'https://intranet.hospital.local/', // … and http here
      'https://www.nhc.gov.cm/',
      'https://examp1e.com/',
      'https://ex\u0430mple.com/', // Cyrillic а: punycode, another host
      'https://sub.example.com/',
    ])
      expect(externalUrl(url, sites), url).toBeNull();
  });

  it('refuses every other scheme, credentials and junk, even with a permissive list', () => {
    const lax = [...sites, 'https://evil.com', 'file:///C:/', 'javascript:alert(1)'];
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker/share/payload.exe',
      'javascript:alert(1)',
      'data:text/html,hi',
      'mailto:a@b.c',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@evil.com/',
      'https://user@example.com/',
      'https:',
      'not a url',
    ])
      expect(externalUrl(url, lax), url).toBeNull();
  });
});

describe('isPermissionAllowed', () => {
  const page = own('index.html');

  it('allows audio capture for the app itself', () => {
    expect(isPermissionAllowed({ permission: 'media', url: page, mediaTypes: ['audio'] }, built)).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', url: 'http://localhost:5173/', mediaTypes: ['audio'] }, dev)).toBe(true);
    // Permission checks (enumerateDevices) may not say which kind.
    expect(isPermissionAllowed({ permission: 'media', url: page, mediaTypes: ['unknown'] }, built)).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', url: page }, built)).toBe(true);
  });

  it('never allows the camera', () => {
    expect(isPermissionAllowed({ permission: 'media', url: page, mediaTypes: ['video'] }, built)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: page, mediaTypes: ['audio', 'video'] }, built)).toBe(false);
  });

  it('refuses media to anything but the app', () => {
    expect(isPermissionAllowed({ permission: 'media', url: 'https://evil.com/', mediaTypes: ['audio'] }, built)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: 'file:///', mediaTypes: ['audio'] }, built)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: undefined, mediaTypes: ['audio'] }, built)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: 'http://localhost.evil.com:5173/', mediaTypes: ['audio'] }, dev)).toBe(false);
  });

  it('refuses every other permission, even for the app', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'display-capture',
      'midiSysex',
      'hid',
      'unknown',
    ])
      expect(isPermissionAllowed({ permission, url: page }, built), permission).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict in a build and loosened only for the dev server', () => {
    const prod = contentSecurityPolicy({ dev: false });
    expect(prod).toContain("default-src 'none'");
    expect(prod).toContain("script-src 'self';");
    expect(prod).not.toContain('unsafe-eval');
    expect(prod).toContain("connect-src 'self';");
    expect(contentSecurityPolicy({ dev: true })).toContain("script-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy({ dev: false, connectSrc: ['wss://pbx.hospital.local:8089'] })).toContain("connect-src 'self' wss://pbx.hospital.local:8089;");
  });
});
