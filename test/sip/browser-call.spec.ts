import fs from 'node:fs';
import path from 'node:path';
import { EXT, expect, PASSWORDS, test } from './fixtures';
import { readCalls } from './harness/workstation';
import { growth, PeerScreen, WorkstationScreen } from './pages';

// The workstation calls a second browser user agent (bare sip.js) through kamailio over
// WebSocket: media both ways, mute, hold, a device change mid-call, recording, who hung up.

test('a recorded call to a second user agent: audio both ways, mute, hold, device change, local hang-up', async ({ nurse, peer, infra }) => {
  const ws = new WorkstationScreen(nurse);
  const far = new PeerScreen(peer);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();

  const before = readCalls(infra.workstation.storeFile).length;
  await ws.dial(EXT.peer, { consent: true });
  await ws.waitPhase('connected');
  await expect(ws.panel.getByTestId('tag-recording')).toBeVisible();
  expect((await far.state()).lastCaller).toBe(EXT.nurse);

  // Audio both ways: each side's inbound counters grow, with sound in them (the fake mic beeps).
  await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(20);
  expect(await growth(async () => (await ws.stats())!.bytes)).toBeGreaterThan(1000);
  expect(await growth(async () => (await far.inbound())!.bytes)).toBeGreaterThan(1000);
  expect(await growth(async () => (await far.inbound())!.energy)).toBeGreaterThan(0);
  const remote = await ws.audioSink('softphone-remote-audio');
  expect(remote).toMatchObject({ paused: false, hasStream: true });

  // Mute: packets keep flowing but carry no sound (next to nothing against the beeps before);
  // unmute brings it back. Sound already on its way when the track was disabled may still
  // arrive: wait until a whole window is silent rather than for a guessed time.
  const audible = await growth(async () => (await far.inbound())!.energy);
  await ws.button('mute').click();
  await expect(ws.panel.getByTestId('tag-muted')).toBeVisible();
  await expect.poll(() => growth(async () => (await far.inbound())!.energy)).toBeLessThan(audible / 100);
  await ws.button('mute').click();
  await expect(ws.panel.getByTestId('tag-muted')).toBeHidden();
  await expect.poll(() => growth(async () => (await far.inbound())!.energy, 1200)).toBeGreaterThan(0);

  // Hold (re-INVITE sendonly): the far end stops sending to us and hears nothing from us;
  // resume brings both directions back.
  await ws.button('hold').click();
  await expect(ws.panel.getByTestId('tag-hold')).toBeVisible();
  await expect.poll(() => growth(async () => (await ws.stats())!.packets, 1000)).toBeLessThanOrEqual(1);
  await expect.poll(() => growth(async () => (await far.inbound())!.energy)).toBeLessThan(audible / 100);
  await ws.button('hold').click();
  await expect(ws.panel.getByTestId('tag-hold')).toBeHidden();
  await expect.poll(() => growth(async () => (await ws.stats())!.packets, 800)).toBeGreaterThan(10);
  await expect.poll(() => growth(async () => (await far.inbound())!.energy, 1200)).toBeGreaterThan(0);

  // Change the microphone and the speaker mid-call: replaceTrack and setSinkId.
  const firstMic = await ws.senderTrackLabel();
  await ws.chooseDevice('device-mic', 'Fake Audio Input 1');
  await expect.poll(() => ws.senderTrackLabel()).not.toBe(firstMic);
  await expect.poll(async () => (await far.inbound())!.energy).toBeGreaterThan(0);
  expect(await growth(async () => (await far.inbound())!.bytes)).toBeGreaterThan(1000);
  await ws.chooseDevice('device-speaker', 'Fake Audio Output 1');
  await expect.poll(async () => (await ws.audioSink('softphone-remote-audio'))!.sinkId).not.toBe('');
  // The recording went on through both changes.
  await expect(ws.panel.getByTestId('tag-recording')).toBeVisible();

  await ws.button('hangup').click();
  await expect(ws.ended).toHaveAttribute('data-ended-by', 'local');
  await expect(ws.ended).toHaveAttribute('data-reason', 'hangup');
  await expect.poll(async () => (await far.state()).state).toBe('Terminated');
  await expect(ws.panel.getByTestId('recording-saved')).toBeVisible();

  // The call row: times in order, who hung up, the recording file.
  const rows = readCalls(infra.workstation.storeFile);
  expect(rows.length).toBe(before + 1);
  const row = rows.at(-1)!;
  expect(row).toMatchObject({ direction: 'outbound', number: EXT.peer, ended_by: 'local', reason: 'hangup', consent: 1, outcome: 'connected', missed: 0 });
  expect(String(row.started_at) <= String(row.answered_at)).toBe(true);
  expect(String(row.answered_at) < String(row.ended_at)).toBe(true);
  const file = path.join(infra.workstation.dataDir, 'recordings', String(row.recording_path));
  const bytes = fs.readFileSync(file);
  expect(bytes.length).toBeGreaterThan(5000);
  expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML: a WebM file

  // Decodable: fetched back through the authenticated GET route and decoded by the browser.
  const decoded = await nurse.evaluate(async (callId) => {
    const res = await fetch(`api/calls.recording?callId=${callId}`);
    const audio = await new AudioContext().decodeAudioData(await res.arrayBuffer());
    let peak = 0;
    for (const v of audio.getChannelData(0)) peak = Math.max(peak, Math.abs(v));
    return { status: res.status, seconds: audio.duration, peak };
  }, Number(row.id));
  expect(decoded.status).toBe(200);
  expect(decoded.seconds).toBeGreaterThan(3);
  expect(decoded.peak).toBeGreaterThan(0.05);

  // The suggested outcome is pre-filled; confirming stores it.
  await expect(ws.panel.getByTestId('call-outcome')).toContainText('已接通');
  await ws.button('confirm-outcome').click();
  await expect(ws.panel).toBeHidden();
  expect(readCalls(infra.workstation.storeFile).at(-1)).toMatchObject({ outcome: 'connected', outcome_confirmed: 1 });
});

test('a call that rings before it is answered shows 对方振铃中 in the panel, then connects', async ({ nurse, peer, infra, pbx }) => {
  // A second agent on the peer page that lets the call ring until told to answer.
  const reg = await peer.evaluate((o) => (window as any).peer.createUA(o), {
    name: 'r',
    user: EXT.peer2,
    password: PASSWORDS[EXT.peer2],
    wsUrl: pbx.wsUrl,
    autoAnswer: false,
  });
  expect(reg.status).toBe(200);
  const ws = new WorkstationScreen(nurse);
  const far = new PeerScreen(peer, 'r');
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();
  await ws.dial(EXT.peer2);
  await ws.waitPhase('ringing');
  await expect(ws.phase).toHaveText('对方振铃中…');
  await expect(ws.button('hangup')).toHaveText(/^取 ?消$/);
  await far.answer();
  await ws.waitPhase('connected');
  await expect(ws.phase).toHaveText('通话中');
  await expect(ws.button('hangup')).toHaveText(/^挂 ?断$/);
  await ws.button('hangup').click();
  await expect(ws.ended).toHaveAttribute('data-ended-by', 'local');
});

test('the other side hangs up: the call ends by remote BYE', async ({ nurse, peer, infra }) => {
  const ws = new WorkstationScreen(nurse);
  const far = new PeerScreen(peer);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();
  await ws.dial(EXT.peer);
  await ws.waitPhase('connected');
  await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(5);
  await far.hangup();
  await expect(ws.ended).toHaveAttribute('data-ended-by', 'remote');
  await expect(ws.ended).toHaveAttribute('data-reason', 'bye');
  await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.ended_by).toBe('remote');
  const row = readCalls(infra.workstation.storeFile).at(-1)!;
  expect(row).toMatchObject({ number: EXT.peer, consent: 0, recording_path: null });
  expect(row.answered_at).not.toBeNull();
});

test('a call main cannot store: the nurse is told, and the call itself goes on', async ({ nurse, peer, infra }) => {
  const ws = new WorkstationScreen(nurse);
  const far = new PeerScreen(peer);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();
  // Main refuses the call's row, as it would with a full disk or a database gone away.
  await nurse.route('**/api/calls.start', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'disk full' } }) }),
  );
  const before = readCalls(infra.workstation.storeFile).length;
  await ws.dial(EXT.peer);
  await ws.waitPhase('connected');
  const failure = nurse.getByTestId('softphone-failure');
  await expect(failure).toContainText('本次通话未能记入通话记录');
  await expect(failure).toContainText('服务器出错');

  await ws.button('hangup').click();
  await expect(ws.ended).toHaveAttribute('data-reason', 'hangup');
  await expect.poll(async () => (await far.state()).state).toBe('Terminated');
  // Nothing to store the outcome on: confirming closes the panel as usual.
  await ws.button('confirm-outcome').click();
  await expect(ws.panel).toBeHidden();
  expect(readCalls(infra.workstation.storeFile).length).toBe(before);
  await expect(failure).toBeVisible(); // stays until she closes it
});

test('consent given mid-call: recorded from the tick on (paused while withdrawn), stored with the call; a call never consented stores nothing', async ({
  nurse,
  peer,
  infra,
}, testInfo) => {
  const ws = new WorkstationScreen(nurse);
  const far = new PeerScreen(peer);
  const consent = nurse.getByRole('checkbox', { name: '患者同意录音' });
  const recordings = path.join(infra.workstation.dataDir, 'recordings');
  const files = () =>
    fs.existsSync(recordings)
      ? fs
          .readdirSync(recordings, { recursive: true })
          .map(String)
          .filter((f) => /\.(webm|ogg)$/.test(f))
          .sort()
      : [];
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();

  // Dialled without consent: the patient answers, the nurse asks, and only then ticks the box.
  await ws.dial(EXT.peer);
  await ws.waitPhase('connected');
  await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(20);
  // Deliberately 2.5 s of talk before consent, which the file must not hold (its length is
  // checked against the time since the tick below): time has to pass here, there is no state to wait for.
  expect(await growth(async () => (await far.inbound())!.bytes, 2500)).toBeGreaterThan(1000);
  await expect(ws.panel.getByTestId('tag-recording')).toBeHidden();
  const callId = Number(readCalls(infra.workstation.storeFile).at(-1)!.id);
  expect(readCalls(infra.workstation.storeFile).at(-1)).toMatchObject({ number: EXT.peer, consent: 0 });

  const consentAt = Date.now();
  await consent.click();
  await expect(consent).toBeChecked();
  await expect(ws.panel.getByTestId('tag-recording')).toBeVisible();
  // Main holds the consent before the call ends (it refuses a recording otherwise).
  await expect.poll(() => readCalls(infra.workstation.storeFile).find((r) => r.id === callId)?.consent).toBe(1);
  expect(await growth(async () => (await ws.stats())!.bytes)).toBeGreaterThan(1000);
  expect(await growth(async () => (await far.inbound())!.energy)).toBeGreaterThan(0);

  // She withdraws for a moment, then agrees again: paused, then resumed into the same file.
  await consent.click();
  await expect(ws.panel.getByTestId('tag-recording-paused')).toBeVisible();
  // Deliberately withdrawn for 1.5 s while the call goes on, so there is a stretch to leave out.
  expect(await growth(async () => (await far.inbound())!.bytes, 1500)).toBeGreaterThan(500);
  await expect(ws.panel.getByTestId('tag-recording-paused')).toBeVisible();
  await consent.click();
  await expect(ws.panel.getByTestId('tag-recording')).toBeVisible();
  expect(await growth(async () => (await far.inbound())!.bytes, 1000)).toBeGreaterThan(500);

  await ws.button('hangup').click();
  await expect(ws.ended).toHaveAttribute('data-reason', 'hangup');
  const hungUpAt = Date.now();
  await expect(ws.panel.getByTestId('recording-saved')).toBeVisible();

  // Linked to the call: its row names the file, which is a non-empty WebM of that size.
  const row = readCalls(infra.workstation.storeFile).find((r) => r.id === callId)!;
  expect(row).toMatchObject({ consent: 1, ended_by: 'local', reason: 'hangup' });
  expect(String(row.recording_path)).toMatch(new RegExp(`^\\d{4}/\\d{2}/call-${callId}\\.webm$`));
  const bytes = fs.readFileSync(path.join(recordings, String(row.recording_path)));
  expect(bytes.length).toBeGreaterThan(5000);
  expect(bytes.length).toBe(Number(row.recording_bytes));
  expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

  // Decodable, with sound, and no longer than the time since the tick: the 2.5 s before it are not in it.
  const decoded = await nurse.evaluate(async (id) => {
    const res = await fetch(`api/calls.recording?callId=${id}`);
    const audio = await new AudioContext().decodeAudioData(await res.arrayBuffer());
    let peak = 0;
    for (const v of audio.getChannelData(0)) peak = Math.max(peak, Math.abs(v));
    return { status: res.status, seconds: audio.duration, peak };
  }, callId);
  const sinceConsent = (hungUpAt - consentAt) / 1000;
  testInfo.annotations.push({
    type: 'recording',
    description: `${decoded.seconds.toFixed(2)} s decoded, ${sinceConsent.toFixed(2)} s from the tick to the end, 1.5 s of it withdrawn`,
  });
  expect(decoded.status).toBe(200);
  expect(decoded.seconds).toBeGreaterThan(1.5);
  expect(decoded.seconds).toBeLessThan(sinceConsent + 0.5);
  expect(decoded.peak).toBeGreaterThan(0.05);
  await ws.button('confirm-outcome').click();
  await expect(ws.panel).toBeHidden();

  // A second call where she never agrees: audio flows, nothing is recorded or stored.
  const before = files();
  await ws.dial(EXT.peer);
  await ws.waitPhase('connected');
  await expect.poll(async () => (await ws.stats())?.packets ?? 0).toBeGreaterThan(20);
  expect(await growth(async () => (await far.inbound())!.bytes)).toBeGreaterThan(1000);
  await expect(ws.panel.getByTestId('tag-recording')).toBeHidden();
  await ws.button('hangup').click();
  await expect(ws.ended).toHaveAttribute('data-reason', 'hangup');
  await expect.poll(() => readCalls(infra.workstation.storeFile).at(-1)?.ended_at ?? null).not.toBeNull();
  const second = readCalls(infra.workstation.storeFile).at(-1)!;
  expect(second.id).not.toBe(callId);
  expect(second).toMatchObject({ number: EXT.peer, consent: 0, recording_path: null, recording_bytes: null });
  await expect(ws.panel.getByTestId('recording-saved')).toHaveCount(0);
  expect(files()).toEqual(before);
});
