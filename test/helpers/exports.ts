import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../src/main/app';
import { setDepartments } from '../../src/main/auth/user-departments';
import { createUser } from '../../src/main/auth/users';
import { loadConfig } from '../../src/main/config';
import { startHttpServer } from '../../src/main/http/server';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { User } from '../../src/shared/model';
import { livePlan, makeDept, makeEncounter, makePatient, moodQuestionnaire, planDef } from './followup';
import { fixedClock } from './his';
import { tempDir, type TestStore } from './stores';

// A workstation served over HTTP for the export tests: two departments, a nurse pair, a head of
// 心内科 and an admin, November discharges in both departments with their follow-up tasks.

export const NOW = '2026-12-01 10:00:00';
export const PASSWORD = 'secret-123';

export interface ExportWorld {
  app: App;
  dataDir: string;
  url: string;
  users: Record<'nurse1' | 'nurse2' | 'head' | 'admin', User>;
  depts: { cardio: number; surgery: number };
  cookie(username: string): Promise<string>;
  call(cookie: string, method: string, input?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function exportWorld(t: TestStore, patients = 12): Promise<ExportWorld> {
  const dataDir = tempDir('followup-exports');
  const staticDir = path.join(dataDir, 'ui');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const clock = fixedClock(NOW);
  const app = await createApp({ ...loadConfig(dataDir, {}), store: t.config }, { clock, log: () => {} });
  const { knex } = app.store;
  const mk = (username: string, role: User['role'], displayName: string) => createUser(knex, clock, { username, displayName, role, password: PASSWORD });
  const users = {
    nurse1: await mk('nurse1', 'nurse', '李护士'),
    nurse2: await mk('nurse2', 'nurse', '赵护士'),
    head: await mk('head1', 'head', '王主任'),
    admin: await mk('admin1', 'admin', '管理员'),
  };
  const depts = { cardio: await makeDept(knex, '心内科'), surgery: await makeDept(knex, '普外科') };
  await setDepartments(knex, users.head.id, [depts.cardio]);
  await livePlan(knex, clock, planDef());
  for (let i = 0; i < patients; i++) {
    const p = await makePatient(knex, { name: `患者${i}`, phones: [`1390000${String(i).padStart(4, '0')}`] });
    await knex('patients')
      .where({ id: p })
      .update({ id_number: `11010119600501${String(i).padStart(4, '0')}` });
    await makeEncounter(knex, {
      patientId: p,
      kind: 'inpatient',
      date: `2026-11-${String(10 + (i % 15)).padStart(2, '0')}`,
      deptId: i % 2 ? depts.surgery : depts.cardio,
    });
  }
  await runFollowupCycle(app.store, clock, moodQuestionnaire());
  const server = await startHttpServer(app, { host: '127.0.0.1', port: 0, staticDir });
  const call = async (cookie: string, method: string, input?: unknown) => {
    const res = await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Followup': '1', Cookie: cookie },
      body: JSON.stringify(input ?? {}),
    });
    return { status: res.status, body: await res.json() };
  };
  const cookies = new Map<string, string>();
  return {
    app,
    dataDir,
    url: server.url,
    users,
    depts,
    call,
    async cookie(username) {
      if (!cookies.has(username)) {
        const res = await fetch(`${server.url}/api/auth.login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Followup': '1' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        cookies.set(username, res.headers.get('set-cookie')!.split(';')[0]);
      }
      return cookies.get(username)!;
    },
    async close() {
      server.close();
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls exports.list until the export has left 'running'. */
export async function settled(w: ExportWorld, cookie: string, exportId: number): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const { body } = await w.call(cookie, 'exports.list');
    const row = body.result.find((r: { id: number }) => r.id === exportId);
    if (row && row.status !== 'running') return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`export ${exportId} still running`);
}
