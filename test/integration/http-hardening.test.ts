import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main/app';
import { createUser } from '../../src/main/auth/users';
import { loadConfig } from '../../src/main/config';
import { startHttpServer } from '../../src/main/http/server';
import { fixedClock } from '../helpers/his';
import { tempDir } from '../helpers/stores';

// The browser transport's edges: which Host it answers (DNS rebinding), oversized bodies and
// malformed URLs, the Secure cookie option, the idle timeout, and event streams that end with
// their session.

const dataDir = tempDir('followup-http-hardening');
const clock = fixedClock('2026-06-30 09:00:00');
let app: App;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let port: number;

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

/** A request with full control of the headers (fetch sets Host itself). */
function raw(o: { method?: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: o.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    for (const c of o.chunks ?? []) req.write(c);
    req.end();
  });
}

async function call(method: string, body: unknown = {}, cookie = '') {
  const res = await fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Followup': '1', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, setCookie: res.headers.get('set-cookie') ?? '' };
}

const signIn = async () => (await call('auth.login', { username: 'nurse1', password: 'secret-1234' })).setCookie.split(';')[0];

/** 'ended' when the stream closes within `ms`, else 'open'. */
async function streamEnds(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<'ended' | 'open'> {
  const deadline = new Promise<'open'>((r) => setTimeout(() => r('open'), ms));
  const ended = (async () => {
    while (!(await reader.read()).done);
    return 'ended' as const;
  })().catch(() => 'ended' as const);
  return Promise.race([ended, deadline]);
}

beforeAll(async () => {
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ serve: { allowedHosts: ['followup.hospital.example'] }, auth: { idleMinutes: 30 } }));
  app = await createApp(loadConfig(dataDir, {}), { clock, log: () => {} });
  await createUser(app.store.knex, clock, { username: 'nurse1', displayName: '护士甲', role: 'nurse', password: 'secret-1234' });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, staticDir: path.join(dataDir, 'no-ui'), eventCheckMs: 50 });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  server?.close();
  server?.closeAllConnections();
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the HTTP server', () => {
  it('answers only a Host naming itself or an allowed host name', async () => {
    const login = (host: string) =>
      raw({
        method: 'POST',
        path: '/api/auth.login',
        headers: { Host: host, 'Content-Type': 'application/json', 'X-Followup': '1' },
        chunks: [Buffer.from(JSON.stringify({ username: 'nurse1', password: 'wrong-password' }))],
      });
    for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1:${port + 1}`, `10.1.2.3:${port}`]) {
      const r = await login(host);
      expect([host, r.status]).toEqual([host, 421]);
      expect(JSON.parse(r.body).error.code).toBe('forbidden');
      expect((await raw({ path: '/', headers: { Host: host } })).status).toBe(421);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'followup.hospital.example', `followup.hospital.example:443`]) {
      expect([host, (await login(host)).status]).toEqual([host, 401]);
    }
    await app.store.knex('sign_in_throttle').delete();
  });

  it('refuses an oversized body with 413 and a JSON error', async () => {
    const big = Buffer.from(JSON.stringify({ username: 'x'.repeat(2 << 20), password: 'y' }));
    const headers = { 'Content-Type': 'application/json', 'X-Followup': '1' };
    const declared = await raw({ method: 'POST', path: '/api/auth.login', headers: { ...headers, 'Content-Length': String(big.length) }, chunks: [big] });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('invalid_input');
    // Chunked, with no length given up front.
    const chunks = Array.from({ length: 32 }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
    const streamed = await raw({ method: 'POST', path: '/api/auth.login', headers, chunks });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.message).toMatch(/request body over/);
  });

  it('answers a malformed URL with 400, not 500', async () => {
    for (const p of ['/%E0%A4%A', '/api/%E0%A4%A', '/assets/%ZZ.js']) {
      const r = await raw({ path: p });
      expect([p, r.status]).toEqual([p, 400]);
      expect(JSON.parse(r.body).error.code).toBe('invalid_input');
    }
  });

  it('marks the session cookie Secure when configured', async () => {
    expect((await call('auth.login', { username: 'nurse1', password: 'secret-1234' })).setCookie).not.toMatch(/Secure/);
    app.config.serve.secureCookie = true;
    try {
      const login = await call('auth.login', { username: 'nurse1', password: 'secret-1234' });
      expect(login.setCookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
      expect((await call('auth.logout', {}, login.setCookie.split(';')[0])).setCookie).toMatch(/; Secure; Max-Age=0$/);
    } finally {
      app.config.serve.secureCookie = false;
    }
  });

  it('ends a session idle longer than the configured minutes; any call starts them again', async () => {
    clock.set('2026-06-30 10:00:00');
    const cookie = await signIn();
    clock.set('2026-06-30 10:29:00');
    expect((await call('auth.me', {}, cookie)).body.result.user.username).toBe('nurse1');
    clock.set('2026-06-30 10:58:00');
    expect((await call('departments.list', {}, cookie)).status).toBe(200);
    clock.set('2026-06-30 11:28:30');
    const expired = await call('departments.list', {}, cookie);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');
    expect((await call('auth.me', {}, cookie)).body.result.user).toBeNull();
  });

  it('closes a session’s event streams when it signs out', async () => {
    clock.set('2026-06-30 12:00:00');
    const cookie = await signIn();
    const other = await signIn();
    const mine = (await fetch(`${server.url}/api/events`, { headers: { Cookie: cookie } })).body!.getReader();
    const theirs = (await fetch(`${server.url}/api/events`, { headers: { Cookie: other } })).body!.getReader();
    await mine.read();
    await theirs.read();
    await call('auth.logout', {}, cookie);
    expect(await streamEnds(mine, 2000)).toBe('ended');
    expect(await streamEnds(theirs, 300)).toBe('open');
    await theirs.cancel();
  });

  it('ends an event stream when its session goes idle, and the stream keeps no session alive', async () => {
    clock.set('2026-06-30 13:00:00');
    const cookie = await signIn();
    const reader = (await fetch(`${server.url}/api/events`, { headers: { Cookie: cookie } })).body!.getReader();
    await reader.read();
    clock.set('2026-06-30 13:20:00');
    expect(await streamEnds(reader, 300)).toBe('open');
    clock.set('2026-06-30 13:30:01');
    expect(await streamEnds(reader, 2000)).toBe('ended');
    expect((await call('auth.me', {}, cookie)).body.result.user).toBeNull();
  });
});
