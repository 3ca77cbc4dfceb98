import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/main/app';
import { createUser } from '../../src/main/auth/users';
import { loadConfig } from '../../src/main/config';
import { startHttpServer } from '../../src/main/http/server';
import { makeDemoHis } from '../helpers/his';
import { tempDir } from '../helpers/stores';

const his = makeDemoHis(120, 5);
const dataDir = tempDir('followup-http');
let app: App;
let server: Awaited<ReturnType<typeof startHttpServer>>;

async function call(method: string, body: unknown, opts: { cookie?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Followup': '1', ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

async function login(username: string, password: string): Promise<string> {
  const r = await call('auth.login', { username, password });
  expect(r.status).toBe(200);
  expect(r.body.result.token).toBeUndefined(); // the token lives only in the HttpOnly cookie
  return r.headers.get('set-cookie')!.split(';')[0];
}

beforeAll(async () => {
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ his: { profile: 'demo', connection: { client: 'sqlite', filename: his.file } } }));
  app = await createApp(loadConfig(dataDir), { log: () => {} });
  for (const [username, role] of [
    ['nurse1', 'nurse'],
    ['head1', 'head'],
    ['admin1', 'admin'],
  ] as const)
    await createUser(app.store.knex, app.clock, { username, displayName: username, role, password: 'secret-123' });
  server = await startHttpServer(app, { host: '127.0.0.1', port: 0, staticDir: path.join(dataDir, 'no-ui') });
});
afterAll(async () => {
  server?.close();
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(his.dir, { recursive: true, force: true });
});

describe('HTTP adapter over the one dispatcher', () => {
  it('refuses cross-site style requests and anonymous calls', async () => {
    expect((await call('auth.me', {}, { headers: { 'X-Followup': '0' } })).status).toBe(403);
    const anon = await call('patients.find', {});
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthenticated');
    expect(anon.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('checks credentials and audits failed logins', async () => {
    const bad = await call('auth.login', { username: 'nurse1', password: 'wrong-password' });
    expect(bad.status).toBe(401);
    expect(await app.store.knex('audit_log').where({ action: 'login_failed' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('validates input with the contract schema and names the bad field', async () => {
    const cookie = await login('nurse1', 'secret-123');
    const r = await call('patients.find', { eventDate: { from: '2025/01/01' }, pageSize: 5000 }, { cookie });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['eventDate.from', 'pageSize']));
    expect((await call('patients.drop', {}, { cookie })).status).toBe(404);
    expect((await call('patients.find', { kind: 'inpatient', extra: 1 }, { cookie })).status).toBe(400);
  });

  it('checks roles in main and streams sync progress to the UI', async () => {
    const nurse = await login('nurse1', 'secret-123');
    expect((await call('sync.start', {}, { cookie: nurse })).status).toBe(403);
    const admin = await login('admin1', 'secret-123');
    const events = await fetch(`${server.url}/api/events`, { headers: { Cookie: admin } });
    const reader = events.body!.getReader();
    const started = await call('sync.start', {}, { cookie: admin });
    expect(started.status).toBe(200);
    let text = '';
    while (!text.includes('"done":true')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/event: sync\.progress\ndata: \{"runId":\d+,"entity":"patients"/);
    const runs = await call('sync.runs', {}, { cookie: admin });
    expect(runs.body.result[0]).toMatchObject({ id: started.body.result.runId, status: 'ok' });
    const rejected = await call('sync.rejected', { entity: 'inpatient_stays' }, { cookie: admin });
    expect(rejected.body.result.total).toBeGreaterThan(0);
  });

  it('masks ID numbers for nurses and audits who viewed which patient', async () => {
    const nurse = await login('nurse1', 'secret-123');
    const found = await call('patients.find', { kind: 'inpatient', pageSize: 50 }, { cookie: nurse });
    expect(found.body.result.total).toBeGreaterThan(0);
    const pid = found.body.result.rows.find((r: { patientId: number }) => r.patientId).patientId;
    const tl = await call('patients.timeline', { patientId: pid }, { cookie: nurse });
    expect(tl.status).toBe(200);
    if (tl.body.result.patient.idNumber) expect(tl.body.result.patient.idNumber).toContain('*');
    const admin = await login('admin1', 'secret-123');
    const full = await call('patients.timeline', { patientId: pid }, { cookie: admin });
    if (full.body.result.patient.idNumber) expect(full.body.result.patient.idNumber).not.toContain('*');
    const audits = await app.store.knex('audit_log').where({ action: 'patient.view', patient_id: pid }).select('username');
    expect(audits.map((a: { username: string }) => a.username)).toEqual(['nurse1', 'admin1']);
  });

  it('ends the session on logout', async () => {
    const cookie = await login('head1', 'secret-123');
    expect((await call('auth.me', {}, { cookie })).body.result.user.role).toBe('head');
    await call('auth.logout', {}, { cookie });
    expect((await call('auth.me', {}, { cookie })).body.result.user).toBeNull();
  });
});
