import fs from 'node:fs';
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
  app = await createApp(loadConfig(dataDir, {}), { log: () => {} });
  for (const [username, role] of [
    ['nurse1', 'nurse'],
    ['nurse2', 'nurse'],
    ['head1', 'head'],
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
  it('puts the saved SIP server into the page CSP, and nothing else', async () => {
    const before = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(before).toContain("connect-src 'self';");
    const nurse = await login('nurse1');
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
    const head = await login('head1');
    const got = await fetch(`${server.url}/api/calls.recording?callId=${callId}`, { headers: { Cookie: head } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('audio/webm;codecs=opus');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(webm);
    const played = await app.store.knex('audit_log').where({ action: 'call.recording.play' }).count({ n: '*' });
    expect(Number(played[0].n)).toBe(1);
    expect((await fetch(`${server.url}/api/calls.recording?callId=999999`, { headers: { Cookie: head } })).status).toBe(404);
  });
});
