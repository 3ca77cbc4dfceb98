import { EXT, expect, PATIENT_PASSWORD, test } from './fixtures';
import { startBaresip } from './harness/baresip';
import { freePort, waitFor } from './harness/procs';
import { sippAnswer, sippRefuse, sippRegister } from './harness/sipp';
import { readCalls } from './harness/workstation';
import { growth, WorkstationScreen } from './pages';

// Calls to a patient's phone: a plain SIP endpoint (baresip, sipp) registered under the
// patient's number from the demo HIS, reached through rtpengine (WebRTC <-> plain RTP).

test('from the timeline to the patient (baresip via rtpengine): audio both ways, lost media reported, DTMF arrives, nurse hangs up', async ({
  nurse,
  infra,
  pbx,
  logDir,
}, testInfo) => {
  const patient = infra.patients[0];
  const phone = await startBaresip({
    user: patient.number,
    password: PATIENT_PASSWORD,
    proxyPort: pbx.o.sipPort,
    port: await freePort(),
    dir: testInfo.outputPath('baresip'),
    logDir,
  });
  try {
    const ws = new WorkstationScreen(nurse);
    await nurse.goto(`${infra.workstation.url}/#/patients/${patient.id}`);
    await expect(nurse.getByTestId('patient-name')).toHaveText(patient.name, { timeout: 30_000 });
    await ws.waitRegistered();
    await nurse.getByTestId('patient-header').locator(`[data-testid="dial-button"][data-number="${patient.number}"]`).click();
    await ws.waitPhase('connected');

    // The patient's tone reaches the nurse; the nurse's audio reaches the patient's phone.
    await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(20);
    expect(await growth(async () => (await ws.stats())!.energy)).toBeGreaterThan(0);
    expect(await growth(async () => (await ws.stats())!.packetsSent)).toBeGreaterThan(20);

    // The patient's phone freezes (no BYE, no RTP): the nurse is told the media stopped,
    // and the warning goes once the audio is back.
    process.kill(phone.proc.pid, 'SIGSTOP');
    try {
      await expect(ws.panel.getByTestId('media-stalled')).toBeVisible({ timeout: 15_000 });
    } finally {
      process.kill(phone.proc.pid, 'SIGCONT');
    }
    await expect(ws.panel.getByTestId('media-stalled')).toBeHidden({ timeout: 15_000 });

    await ws.sendDtmf('159#');
    await expect(ws.panel.getByTestId('dtmf-sent')).toHaveText('159#');
    // RFC 4733 events through rtpengine, as baresip logs them: "received event: '5' (end=1)".
    const digits = () => [...phone.log().matchAll(/received event: '(.)' \(end=1\)/g)].map((m) => m[1]).join('');
    await waitFor('DTMF 159# at the patient phone', () => digits() === '159#', 10_000);

    await ws.button('hangup').click();
    await expect(ws.ended).toHaveAttribute('data-ended-by', 'local');
    // baresip's summary once the BYE arrived: packets sent / received by the patient's phone.
    const summary = await waitFor('baresip to end the call', () => /Call with .* terminated[\s\S]*packets:\s+(\d+)\s+(\d+)/.exec(phone.log()), 10_000);
    expect(Number(summary[2])).toBeGreaterThan(50);
    const row = readCalls(infra.workstation.storeFile).at(-1)!;
    expect(row).toMatchObject({ direction: 'outbound', number: patient.number, patient_id: patient.id, ended_by: 'local' });
  } finally {
    await phone.stop();
  }
});

test('the patient hangs up (sipp plays audio over plain RTP, then BYE)', async ({ nurse, infra, pbx, logDir }, testInfo) => {
  const patient = infra.patients[3];
  const port = await freePort();
  const base = { proxyPort: pbx.o.sipPort, user: patient.number, dir: testInfo.outputPath('sipp'), logDir };
  const reg = sippRegister({ ...base, password: PATIENT_PASSWORD, contactPort: port });
  expect(await reg.exited).toBe(0);
  const uas = sippAnswer({ ...base, port, mediaPort: await freePort(), byeAfterMs: 3000, caller: EXT.nurse });
  try {
    const ws = new WorkstationScreen(nurse);
    await ws.openPhone(infra.workstation.url);
    await ws.waitRegistered();
    await ws.dial(patient.number);
    await ws.waitPhase('connected');
    await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(20);
    expect(await growth(async () => (await ws.stats())!.energy, 1000)).toBeGreaterThan(0);
    await expect(ws.ended).toHaveAttribute('data-ended-by', 'remote', { timeout: 10_000 });
    await expect(ws.ended).toHaveAttribute('data-reason', 'bye');
    expect(await uas.exited).toBe(0);
    await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.ended_by).toBe('remote');
    const row = readCalls(infra.workstation.storeFile).at(-1)!;
    expect(row).toMatchObject({ number: patient.number, patient_id: null, reason: 'bye', outcome: 'connected' });
    // Talk time as stored: the 3 s the patient stayed on the line, give or take a second.
    const talk = (Date.parse(String(row.ended_at)) - Date.parse(String(row.answered_at))) / 1000;
    expect(talk).toBeGreaterThanOrEqual(2);
    expect(talk).toBeLessThanOrEqual(5);
  } finally {
    await uas.stop();
  }
});

test('busy and unknown numbers: the outcome is pre-filled from the SIP code', async ({ nurse, infra, pbx, logDir }, testInfo) => {
  const busy = infra.patients[1];
  const port = await freePort();
  const base = { proxyPort: pbx.o.sipPort, user: busy.number, dir: testInfo.outputPath('sipp'), logDir };
  expect(await sippRegister({ ...base, password: PATIENT_PASSWORD, contactPort: port }).exited).toBe(0);
  const refuse = sippRefuse({ ...base, port, code: 486, reason: 'Busy Here' });
  const ws = new WorkstationScreen(nurse);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();

  await ws.dial(busy.number);
  await expect(ws.ended).toHaveAttribute('data-sip-code', '486');
  await expect(ws.ended).toHaveAttribute('data-ended-by', 'remote');
  await expect(ws.panel.getByTestId('call-outcome')).toContainText('忙线');
  expect(await refuse.exited).toBe(0);
  await ws.button('confirm-outcome').click();
  await expect(ws.panel).toBeHidden();

  // Nobody registered under this number: the PBX answers 404, which is "空号" for a follow-up.
  await ws.dial(infra.patients[2].number);
  await expect(ws.ended).toHaveAttribute('data-sip-code', '404');
  await expect(ws.panel.getByTestId('call-outcome')).toContainText('空号');
  await ws.button('confirm-outcome').click();
  const rows = readCalls(infra.workstation.storeFile).slice(-2);
  expect(rows.map((r) => [r.sip_code, r.outcome, r.answered_at])).toEqual([
    [486, 'busy', null],
    [404, 'invalid_number', null],
  ]);
  await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.outcome_confirmed).toBe(1);
});
