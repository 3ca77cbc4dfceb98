import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kamailio } from './harness/kamailio';
import { startPeerServer } from './harness/peer-server';
import { freePort, freeRange, stopPerTestProcs, type Proc } from './harness/procs';
import { startRtpengine } from './harness/rtpengine';
import { NURSE, patientsWithOwnMobile, startWorkstation, type KnownPatient, type Workstation } from './harness/workstation';

// Real calls need: one workstation (`followup serve`), one rtpengine and the peer page server
// per worker; a fresh kamailio per test on fresh ports, so a test that stops or breaks the PBX
// leaves the next one a clean PBX. Every log lands in the test's output directory.

export const EXT = { nurse: '1001', newNurse: '1002', peer: '2002', peer2: '2003' } as const;
export const PASSWORDS: Record<string, string> = {
  [EXT.nurse]: 'nurse-secret',
  [EXT.newNurse]: 'nurse2-secret',
  [EXT.peer]: 'peer-secret',
  [EXT.peer2]: 'peer-secret',
};
export const PATIENT_PASSWORD = 'patient-secret';

export interface Infra {
  workstation: Workstation;
  rtpePort: number;
  peerUrl: string;
  patients: KnownPatient[];
  dir: string;
}

interface TestFixtures {
  logDir: string;
  pbx: Kamailio;
  /** A signed-in workstation page whose SIP account points at this test's PBX. */
  nurse: Page;
  /** A second browser page with the bare sip.js peer, registered as EXT.peer. */
  peer: Page;
}

// Collects every RTCPeerConnection the page makes, so a test can read getStats of the call.
function capturePeerConnections() {
  const Orig = window.RTCPeerConnection;
  const list: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = list;
  window.RTCPeerConnection = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
    const pc = new Orig(...args);
    list.push(pc);
    return pc;
  } as unknown as typeof RTCPeerConnection;
  window.RTCPeerConnection.prototype = Orig.prototype;
}

/** The page's console and errors, to a file in the test's output (a failure artefact). */
export function logConsole(page: Page, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  page.on('console', (m) => fs.appendFileSync(file, `${new Date().toISOString()} ${m.type()}: ${m.text()}\n`));
  page.on('pageerror', (e) => fs.appendFileSync(file, `${new Date().toISOString()} pageerror: ${e.stack ?? e.message}\n`));
}

export async function signIn(context: BrowserContext, url: string, who: { username: string; password: string } = NURSE): Promise<void> {
  const res = await context.request.post(`${url}/api/auth.login`, { headers: { 'X-Followup': '1' }, data: { username: who.username, password: who.password } });
  expect(res.ok()).toBe(true);
}

export async function saveAccount(context: BrowserContext, url: string, pbx: Kamailio, password = PASSWORDS[EXT.nurse]): Promise<void> {
  const res = await context.request.post(`${url}/api/softphone.saveAccount`, {
    headers: { 'X-Followup': '1' },
    data: { wsUrl: pbx.wsUrl, user: EXT.nurse, password, domain: '127.0.0.1', displayName: NURSE.name, iceServers: [] },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

export const test = base.extend<TestFixtures, { infra: Infra }>({
  infra: [
    async ({}, use, workerInfo) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-sip-'));
      const logDir = path.join(workerInfo.project.outputDir, `worker-${workerInfo.workerIndex}`);
      const rtpePort = await freePort();
      const rtpBase = await freeRange(200);
      let rtpe: Proc | null = null;
      let workstation: Workstation | null = null;
      const peerServer = await startPeerServer();
      try {
        rtpe = await startRtpengine({ ngPort: rtpePort, portMin: rtpBase, portMax: rtpBase + 199, logDir });
        const dataDir = path.join(dir, 'data');
        fs.mkdirSync(dataDir);
        workstation = await startWorkstation({ dataDir, port: await freePort(), logDir });
        const patients = patientsWithOwnMobile(workstation.storeFile, 6);
        if (patients.length < 6) throw new Error('the demo HIS has too few patients with their own mobile number');
        await use({ workstation, rtpePort, peerUrl: peerServer.url, patients, dir });
      } finally {
        await workstation?.stop();
        await rtpe?.stop();
        await peerServer.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],

  // Also the test's reaper: whatever a test started (sipp, baresip …) is stopped when it ends.
  logDir: [
    async ({}, use, testInfo) => {
      await use(testInfo.outputPath('logs'));
      await stopPerTestProcs();
    },
    { auto: true },
  ],

  pbx: async ({ infra, logDir }, use, testInfo) => {
    const users = { ...PASSWORDS, ...Object.fromEntries(infra.patients.map((p) => [p.number, PATIENT_PASSWORD])) };
    const pbx = new Kamailio({
      sipPort: await freePort(),
      wsPort: await freePort(),
      rtpePort: infra.rtpePort,
      users,
      dir: testInfo.outputPath('kamailio'),
      logDir,
    });
    pbx.check();
    await pbx.start();
    await use(pbx);
    await pbx.stop();
  },

  nurse: async ({ browser, infra, pbx }, use, testInfo) => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1600, height: 900 } });
    await context.addInitScript(capturePeerConnections);
    await signIn(context, infra.workstation.url);
    await saveAccount(context, infra.workstation.url, pbx);
    const page = await context.newPage();
    logConsole(page, testInfo.outputPath('nurse-console.log'));
    await use(page);
    await context.close();
  },

  peer: async ({ browser, infra, pbx }, use) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(infra.peerUrl);
    await page.waitForFunction(() => document.body.dataset.ready === '1');
    const reg = await page.evaluate((o) => (window as any).peer.createUA(o), { name: 'p', user: EXT.peer, password: PASSWORDS[EXT.peer], wsUrl: pbx.wsUrl });
    expect(reg.status).toBe(200);
    await use(page);
    await context.close();
  },
});

export { expect };
