import { test as base } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PINNED_DEMO_END_DATE, pinChildClocks } from '../helpers/pinned-clock';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'bin', 'followup.js');
const PATIENTS = Number(process.env.E2E_DEMO_PATIENTS ?? 1500);
const SEED = Number(process.env.E2E_DEMO_SEED ?? 7);
export const EXPORT_PAUSE_MS = 5000;

export const USERS = {
  nurse: { username: 'nurse1', password: 'secret-1234', name: '护士甲', role: 'nurse' },
  nurse2: { username: 'nurse2', password: 'secret-1234', name: '护士丁', role: 'nurse' },
  head: { username: 'head1', password: 'secret-1234', name: '护士长乙', role: 'head' },
  admin: { username: 'admin1', password: 'secret-1234', name: '管理员丙', role: 'admin' },
} as const;
export type UserKey = keyof typeof USERS;

export interface Backend {
  url: string;
  dataDir: string;
  hisFile: string;
  planted: { criticalFindings: string[] } & Record<string, unknown>;
}

const run = promisify(execFile);

export const cli = async (...args: string[]) => (await run(process.execPath, [CLI, ...args], { cwd: REPO, maxBuffer: 64 << 20 })).stdout;

export function assertBuilt(): void {
  for (const f of ['dist/src/cli/main.js', 'dist/renderer/index.html'])
    if (!fs.existsSync(path.join(REPO, f))) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
}

/** Resolves with the URL from the "listening on" line; rejects with stderr if the server dies first. */
export function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server not listening after ${timeoutMs} ms\n${err}`)), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-20_000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${err}`));
    });
  });
}

export async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/healthz never answered`);
}

/** Stops exactly the process we started, by its pid, escalating only if it ignores SIGTERM. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000))]);
  if (timedOut && child.exitCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

export const test = base.extend<object, { backend: Backend }>({
  backend: [
    async ({}, use) => {
      assertBuilt();
      pinChildClocks();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-e2e-'));
      const hisFile = path.join(dataDir, 'demo-his.sqlite');
      // Generated up front (serve would make one too) so the test knows the seed and the planted rows.
      const summary = JSON.parse(
        await cli('demo-his', '--out', hisFile, '--patients', String(PATIENTS), '--seed', String(SEED), '--end-date', PINNED_DEMO_END_DATE),
      );
      // Exports pause after each batch, so that one can be cancelled while it runs (reports.spec.ts).
      fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ exports: { pauseBetweenBatchesMs: EXPORT_PAUSE_MS } }));
      for (const u of Object.values(USERS))
        await cli('user', 'add', '--data', dataDir, '--username', u.username, '--role', u.role, '--password', u.password, '--name', u.name);
      const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await waitForListening(child, 240_000);
        await waitHealthy(url);
        await use({ url, dataDir, hisFile, planted: summary.planted });
      } finally {
        await stop(child);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

export { expect } from '@playwright/test';
