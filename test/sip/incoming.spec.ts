import { EXT, expect, test } from './fixtures';
import { freePort } from './harness/procs';
import { sippCall } from './harness/sipp';
import { enrolledPatientWithOwnMobile, readCalls, readMissedCallCallbacks } from './harness/workstation';
import { growth, WorkstationScreen } from './pages';

// A patient calls the nurse's extension (sipp playing the PSTN gateway, plain RTP through
// rtpengine): it rings on the ring device, the caller's record pops up, the call is stored.

test('a patient calls: ring on the ring device, the patient pops up, answered, the patient hangs up', async ({ nurse, infra, pbx, logDir }, testInfo) => {
  const patient = infra.patients[4];
  const ws = new WorkstationScreen(nurse);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();
  await ws.chooseDevice('device-ring', 'Fake Audio Output 2');
  const ringId = await nurse.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).find((d) => d.label === 'Fake Audio Output 2')?.deviceId);

  const caller = sippCall({
    proxyPort: pbx.o.sipPort,
    user: patient.number,
    dir: testInfo.outputPath('sipp'),
    logDir,
    port: await freePort(),
    mediaPort: await freePort(),
    to: EXT.nurse,
    hangAfterMs: 3000,
  });
  await ws.waitPhase('incoming');
  await expect(ws.panel.getByTestId('caller-name')).toHaveText(patient.name);
  await expect(ws.panel.getByTestId('caller-match')).toHaveAttribute('data-patient-id', String(patient.id));
  await expect.poll(() => ws.audioSink('softphone-ring')).toMatchObject({ sinkId: ringId, paused: false, hasStream: true });

  await ws.button('answer').click();
  await ws.waitPhase('connected');
  await expect.poll(async () => (await ws.audioSink('softphone-ring'))?.paused).toBe(true);
  await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(20);
  expect(await growth(async () => (await ws.stats())!.energy, 1000)).toBeGreaterThan(0);

  await expect(ws.ended).toHaveAttribute('data-ended-by', 'remote', { timeout: 10_000 });
  expect(await caller.exited).toBe(0);
  await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.ended_by).toBe('remote');
  const row = readCalls(infra.workstation.storeFile).at(-1)!;
  expect(row).toMatchObject({ direction: 'inbound', number: patient.number, patient_id: patient.id, missed: 0, reason: 'bye' });
  expect(row.answered_at).not.toBeNull();
});

test('an unknown number calls and gives up: an unknown-caller card, then a missed call to return', async ({ nurse, infra, pbx, logDir }, testInfo) => {
  const number = '13012340000';
  const ws = new WorkstationScreen(nurse);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();
  const caller = sippCall({
    proxyPort: pbx.o.sipPort,
    user: number,
    dir: testInfo.outputPath('sipp'),
    logDir,
    port: await freePort(),
    mediaPort: await freePort(),
    to: EXT.nurse,
    cancelAfterMs: 2000,
  });
  await ws.waitPhase('incoming');
  await expect(ws.panel.getByTestId('caller-unknown')).toContainText('未知来电');
  await expect(ws.ended).toHaveAttribute('data-reason', 'remote_cancel', { timeout: 10_000 });
  expect(await caller.exited).toBe(0);
  await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.missed).toBe(1);
  const missedRow = readCalls(infra.workstation.storeFile).at(-1)!;
  expect(missedRow).toMatchObject({ direction: 'inbound', number, patient_id: null, answered_at: null, ended_by: 'remote' });
  // An unknown caller gets no callback task; the call stays listed below for a callback by hand.
  expect(readMissedCallCallbacks(infra.workstation.storeFile).filter((r) => r.call_id === missedRow.id)).toEqual([]);

  await ws.panel.getByTestId('close-call').click();
  await nurse.reload();
  const missed = nurse.getByTestId('missed-calls').getByTestId('call-row').first();
  await expect(missed).toContainText(number, { timeout: 30_000 });
  await expect(missed.getByTestId('dial-button')).toBeVisible();
});

test('a known patient calls and gives up: the missed call becomes a callback task in the team queue', async ({ nurse, infra, pbx, logDir }, testInfo) => {
  const patient = await enrolledPatientWithOwnMobile(infra.workstation);
  const ws = new WorkstationScreen(nurse);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();
  const caller = sippCall({
    proxyPort: pbx.o.sipPort,
    user: patient.number,
    dir: testInfo.outputPath('sipp'),
    logDir,
    port: await freePort(),
    mediaPort: await freePort(),
    to: EXT.nurse,
    cancelAfterMs: 2000,
  });
  await ws.waitPhase('incoming');
  await expect(ws.panel.getByTestId('caller-match')).toHaveAttribute('data-patient-id', String(patient.id));
  await expect(ws.ended).toHaveAttribute('data-reason', 'remote_cancel', { timeout: 10_000 });
  expect(await caller.exited).toBe(0);
  await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.missed).toBe(1);
  const call = readCalls(infra.workstation.storeFile).at(-1)!;
  expect(call).toMatchObject({ direction: 'inbound', number: patient.number, patient_id: patient.id });
  await expect.poll(() => readMissedCallCallbacks(infra.workstation.storeFile).find((r) => r.call_id === call.id)?.task_id ?? null).not.toBeNull();
  const made = readMissedCallCallbacks(infra.workstation.storeFile).find((r) => r.call_id === call.id)!;
  expect(made).toMatchObject({ patient_id: patient.id, kind: 'callback', status: 'pending' });

  // The nurse sees it in the team queue, with the reason.
  await nurse.goto(`${infra.workstation.url}/#/queue`);
  const row = nurse.locator(`[data-task-id="${made.task_id}"]`);
  await expect(row).toContainText('未接来电', { timeout: 30_000 });
  await expect(row).toContainText(patient.name);
});
