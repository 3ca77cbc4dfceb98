import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main/app';
import { createUser } from '../../src/main/auth/users';
import { loadConfig } from '../../src/main/config';
import { startHttpServer } from '../../src/main/http/server';
import { tempDir } from '../helpers/stores';

// The softphone over HTTP: the binary recording route (through the one dispatcher) and the
// page CSP that lets the renderer reach the configured SIP WebSocket server.

const dataDir = tempDir('followup-calls-http');
const staticDir = path.join(dataDir, 'ui');
let app: App;
let server: Awaited<ReturnType<typeof startHttpServer>>;

const post = (method: string, body: unknown, cookie?: string) =>
  fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Followup': '1', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });

async function login(username: string): Promise<string> {
  const res = await post('auth.login', { username, password: 'secret-123' });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

beforeAll(async () => {
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  // The admin's PBX: the page CSP names it and no server a nurse types in.
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ softphone: { pbxWebSocketOrigins: ['wss://pbx.example.local:8089'] } }));
  app = await createApp(loadConfig(dataDir, {}), { log: () => {} });
  for (const [username, role] of [
    ['nurse1', 'nurse'],
    ['nurse2', 'nurse'],
    ['head1', 'head'],
    ['admin1', 'admin'],
  ] as const)
    await createUser(app.store.knex, app.clock, { username, displayName: username, role, password: 'secret-123' });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, staticDir });
});
afterAll(async () => {
  server?.close();
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('softphone over HTTP', () => {
  it("puts the admin's PBX into the page CSP, and never a server a nurse saves", async () => {
    const before = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(before).toContain("connect-src 'self' wss://pbx.example.local:8089;");
    const nurse = await login('nurse1');
    const evil = await post('softphone.saveAccount', { wsUrl: 'wss://evil.example', user: '1001', password: 'pw-1', domain: 'evil.example' }, nurse);
    expect(evil.status).toBe(400);
    expect((await evil.json()).error.message).toMatch(/^该 SIP 服务器地址不在管理员允许的列表中.*wss:\/\/pbx\.example\.local:8089/);
    // Nor a look-alike of the admin's server.
    for (const wsUrl of ['wss://pbx.example.local.evil.example:8089', 'wss://pbx.example.local:8090', 'ws://pbx.example.local:8089'])
      expect((await post('softphone.saveAccount', { wsUrl, user: '1001', password: 'pw-1', domain: 'x' }, nurse)).status, wsUrl).toBe(400);
    // A row put in behind the API's back (an older version saved any server) changes no page's CSP.
    await app.store.knex('sip_accounts').insert({
      user_id: (await app.store.knex('users').where({ username: 'nurse2' }).first()).id,
      ws_url: 'wss://evil.example',
      sip_user: '1002',
      domain: 'evil.example',
      display_name: '',
      ice_servers: '[]',
      secret_enc: 'x',
      updated_at: '2026-01-01 00:00:00',
    });
    for (const page of ['/', '/index.html'])
      expect((await fetch(`${server.url}${page}`)).headers.get('content-security-policy')!, page).not.toContain('evil.example');
    const saved = await post(
      'softphone.saveAccount',
      { wsUrl: 'wss://pbx.example.local:8089/ws', user: '1001', password: 'pw-1', domain: 'pbx.example.local' },
      nurse,
    );
    expect(saved.status).toBe(200);
    const csp = (await fetch(`${server.url}/#/phone`)).headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self' wss://pbx.example.local:8089;");
    expect(csp).toContain("media-src 'self' blob:");
    expect((await post('softphone.saveAccount', { wsUrl: "wss://x' 'unsafe-inline", user: '1', password: 'p', domain: 'x' }, nurse)).status).toBe(400);
  });

  it('takes a recording as a binary body and plays it back to a signed-in user only', async () => {
    const nurse = await login('nurse1');
    const start = await (await post('calls.start', { direction: 'outbound', number: '13800138000', consent: true }, nurse)).json();
    const callId = start.result.callId as number;
    const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 9, 8, 7, 6, 5]);
    const upload = (cookie: string | undefined, headers: Record<string, string> = { 'X-Followup': '1' }) =>
      fetch(`${server.url}/api/calls.recording?callId=${callId}`, {
        method: 'POST',
        headers: { 'Content-Type': 'audio/webm;codecs=opus', ...headers, ...(cookie ? { Cookie: cookie } : {}) },
        body: webm,
      });

    expect((await upload(nurse, {})).status).toBe(403); // no X-Followup: a cross-site form
    expect((await upload(undefined)).status).toBe(401);
    expect((await upload(await login('nurse2'))).status).toBe(403); // not her call
    const ok = await upload(nurse);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ result: { bytes: webm.length } });
    // JSON cannot carry it: the JSON method refuses a non-binary body.
    expect((await post('calls.uploadRecording', { callId, mimeType: 'audio/webm', data: [1, 2] }, nurse)).status).toBe(400);

    expect((await fetch(`${server.url}/api/calls.recording?callId=${callId}`)).status).toBe(401);
    // A head hears her departments' patients' calls only; this call has no patient.
    const head = await login('head1');
    expect((await fetch(`${server.url}/api/calls.recording?callId=${callId}`, { headers: { Cookie: head } })).status).toBe(403);
    expect((await fetch(`${server.url}/api/calls.recording?callId=${callId}`, { headers: { Cookie: await login('nurse2') } })).status).toBe(403);
    const admin = await login('admin1');
    const got = await fetch(`${server.url}/api/calls.recording?callId=${callId}`, { headers: { Cookie: admin } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('audio/webm;codecs=opus');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(webm);
    const played = await app.store.knex('audit_log').where({ action: 'call.recording.play' }).count({ n: '*' });
    expect(Number(played[0].n)).toBe(1);
    expect((await fetch(`${server.url}/api/calls.recording?callId=999999`, { headers: { Cookie: admin } })).status).toBe(404);
  });

  it('refuses an upload before reading its body (not her call, too large), and streams an accepted one to disk', async () => {
    const nurse = await login('nurse1');
    const start = await (await post('calls.start', { direction: 'outbound', number: '13800138001', consent: true }, nurse)).json();
    const callId = start.result.callId as number;
    // Declares 60 MB but sends one 64 KB chunk: an answer can only come before the body is read.
    const partial = (cookie: string, length: number) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(`${server.url}/api/calls.recording?callId=${callId}`, {
          method: 'POST',
          headers: { 'Content-Type': 'audio/webm', 'X-Followup': '1', Cookie: cookie, 'Content-Length': String(length) },
        });
        const timer = setTimeout(() => reject(new Error('no answer before the body was sent')), 5000);
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => {
            clearTimeout(timer);
            req.destroy();
            resolve({ status: res.statusCode!, body });
          });
        });
        req.on('error', () => {}); // the server closes the connection it refused
        req.write(Buffer.alloc(64 * 1024, 1));
      });
    const notHers = await partial(await login('nurse2'), 60 * 1024 * 1024);
    expect(notHers.status).toBe(403);
    expect(JSON.parse(notHers.body).error.code).toBe('forbidden');
    expect((await partial(nurse, 65 * 1024 * 1024)).status).toBe(413);
    expect((await partial(await login('head1'), 60 * 1024 * 1024)).status).toBe(403);
    const incoming = path.join(dataDir, 'recordings', '.incoming');
    expect(fs.existsSync(incoming) ? fs.readdirSync(incoming) : []).toEqual([]);

    // Her own upload of 3 MB arrives whole, stored 0600, with no spooled file left behind.
    const audio = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < audio.length; i++) audio[i] = i % 251;
    const ok = await fetch(`${server.url}/api/calls.recording?callId=${callId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'audio/webm', 'X-Followup': '1', Cookie: nurse },
      body: audio,
    });
    expect(await ok.json()).toEqual({ result: { bytes: audio.length } });
    const row = await app.store.knex('calls').where({ id: callId }).first();
    const file = path.join(dataDir, 'recordings', row.recording_path);
    expect(fs.readFileSync(file).equals(audio)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(incoming)).toEqual([]);
    // A second upload for the same call is refused before its body, too.
    expect((await partial(nurse, 1024 * 1024)).status).toBe(409);
  });
});
