import fs from 'node:fs';
import { EXT, expect, logConsole, PASSWORDS, signIn, test } from './fixtures';
import { NEW_NURSE, PBX_ORIGINS } from './harness/workstation';
import { WorkstationScreen } from './pages';

// Set up once: the nurse enters her SIP account and picks the headset's devices.

test('a nurse sets up her phone: a wrong password is refused clearly, the right one registers; devices, level, test tone', async ({
  browser,
  infra,
  pbx,
}, testInfo) => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 900 } });
  await signIn(context, infra.workstation.url, NEW_NURSE);
  // Her headset was set up before and is unplugged now: the softphone falls back and says so.
  await context.addInitScript(() => {
    localStorage.setItem('followup.softphone.devices', JSON.stringify({ mic: 'unplugged-usb-mic', speaker: 'default', ring: 'default' }));
    localStorage.setItem('followup.softphone.deviceLabels', JSON.stringify({ 'unplugged-usb-mic': 'Jabra Evolve 20' }));
  });
  const page = await context.newPage();
  logConsole(page, testInfo.outputPath('nurse-console.log'));
  const ws = new WorkstationScreen(page);
  await ws.openPhone(infra.workstation.url);
  await expect(ws.status).toHaveAttribute('data-status', 'unconfigured');
  await expect(ws.status).toContainText('未设置话机');
  await expect(page.getByText('Jabra Evolve 20 已断开，已切换到系统默认设备')).toBeVisible();

  // A new server origin: the page reloads so its CSP (connect-src) allows the PBX.
  await page.getByTestId('sip-ws-url').fill(pbx.wsUrl);
  await page.getByTestId('sip-user').fill(EXT.newNurse);
  await page.getByTestId('sip-password').fill('not-the-password');
  await page.getByTestId('sip-domain').fill('127.0.0.1');
  await page.getByTestId('sip-display-name').fill(NEW_NURSE.name);
  await page.getByTestId('sip-save').click();
  await page.waitForURL(/#\/phone$/);
  await expect(ws.status).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(ws.status).toHaveAttribute('data-failure', 'auth');
  await expect(ws.status).toContainText('注册失败：密码错误');
  const csp = (await context.request.get(`${infra.workstation.url}/`)).headers()['content-security-policy'];
  // The admin's PBX list, never the server a nurse typed in.
  const connectSrc = /connect-src ([^;]*)/.exec(csp)![1].split(' ');
  expect(connectSrc).toEqual(expect.arrayContaining(["'self'", PBX_ORIGINS]));
  expect(connectSrc).not.toContain(pbx.wsUrl);

  // The form comes back filled in (never with the password): only the password changes.
  await expect(page.getByTestId('sip-user')).toHaveValue(EXT.newNurse);
  await page.getByTestId('sip-password').fill(PASSWORDS[EXT.newNurse]);
  await page.getByTestId('sip-save').click();
  await ws.waitRegistered();
  await expect(ws.status).toContainText('话机已就绪');

  // The password never comes back to the settings form, nor lands in the server log.
  const account = await (await context.request.post(`${infra.workstation.url}/api/softphone.account`, { headers: { 'X-Followup': '1' }, data: {} })).json();
  expect(account.result).toMatchObject({ user: EXT.newNurse, hasPassword: true });
  expect(JSON.stringify(account)).not.toContain(PASSWORDS[EXT.newNurse]);
  expect(fs.readFileSync(infra.workstation.proc.logFile, 'utf8')).not.toContain(PASSWORDS[EXT.newNurse]);

  // The headset: Chromium's fake devices, a live microphone level, a test tone on the speaker.
  await expect.poll(async () => Number(await page.getByTestId('mic-level').getAttribute('data-level'))).toBeGreaterThan(0.01);
  await ws.chooseDevice('device-speaker', 'Fake Audio Output 1');
  await ws.chooseDevice('device-ring', 'Fake Audio Output 2');
  await page.getByTestId('test-tone').click();
  const speakerId = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).find((d) => d.label === 'Fake Audio Output 1')?.deviceId);
  expect(speakerId).toBeTruthy();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const el = document.querySelector<HTMLAudioElement & { sinkId: string }>('audio[data-testid="softphone-test-tone"]');
        return el ? { tone: el.dataset.tone, sinkId: el.sinkId } : null;
      }),
    )
    .toEqual({ tone: 'test', sinkId: speakerId });
  await context.close();
});
