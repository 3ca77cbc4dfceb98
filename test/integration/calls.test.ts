import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/main/auth/users';
import { purgeRecordings } from '../../src/main/calls/recordings';
import type { Store } from '../../src/main/store/store';
import type { Clock } from '../../src/main/util/clock';
import type { User } from '../../src/shared/model';
import { ipcDispatch, testDispatcher, type TestDispatch } from '../helpers/dispatch';
import { makeDept, makeEncounter } from '../helpers/followup';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// A clock the test moves by hand: call times and retention depend on it.
function manualClock(iso: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms) => void (t += ms), set: (s) => void (t = Date.parse(s)) };
}

async function addPatient(knex: Knex, name: string, phones: { number: string; role?: 'self' | 'contact'; contactName?: string }[]): Promise<number> {
  const [row] = await knex('patients')
    .insert({
      source_system: 'test',
      source_patient_id: name,
      name,
      name_initials: 'x',
      name_pinyin: 'x',
      gender_code: '1',
      birth_date: '1950-03-01',
      row_hash: 'h',
      first_seen_at: '2026-01-01 00:00:00',
      last_synced_at: '2026-01-01 00:00:00',
    })
    .returning('id');
  const id = Number(typeof row === 'object' ? row.id : row);
  for (const p of phones)
    await knex('phones').insert({
      patient_id: id,
      number: p.number,
      kind: p.number.startsWith('0') ? 'landline' : 'mobile',
      role: p.role ?? 'self',
      contact_name: p.contactName ?? null,
    });
  return id;
}

describe.each(STORE_KINDS)('calls and the softphone account on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let dataDir: string;
  const clock = manualClock('2026-11-20T02:00:00Z'); // 10:00 Beijing
  let nurse: User;
  let other: User;
  let admin: User;
  let dispatch: TestDispatch;

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    dataDir = tempDir('followup-calls');
    // The admin's PBX (config softphone.pbxWebSocketOrigins): the only server an account may use.
    fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ softphone: { pbxWebSocketOrigins: ['ws://127.0.0.1:8088'] } }));
    dispatch = ipcDispatch(store, clock, dataDir);
    nurse = await createUser(store.knex, clock, { username: 'n1', displayName: 'N1', role: 'nurse', password: 'pw-123456' });
    other = await createUser(store.knex, clock, { username: 'n2', displayName: 'N2', role: 'nurse', password: 'pw-123456' });
    admin = await createUser(store.knex, clock, { username: 'a1', displayName: 'A1', role: 'admin', password: 'pw-123456' });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the SIP password sealed, shows the form no password, hands it only to its owner, audited', async () => {
    const account = {
      wsUrl: 'ws://127.0.0.1:8088',
      user: '1001',
      password: 'very-secret-pw',
      domain: '127.0.0.1',
      displayName: '护士甲',
      iceServers: [{ urls: 'turn:10.0.0.1', username: 'u', credential: 'turn-pw' }],
    };
    await expect(dispatch(nurse, 'softphone.saveAccount', { ...account, wsUrl: 'http://x' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(dispatch(nurse, 'softphone.saveAccount', { ...account, wsUrl: 'wss://evil.example' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^该 SIP 服务器地址不在管理员允许的列表中.*\(this SIP server is not one the admin allows/),
    });
    expect(await store.knex('sip_accounts').where({ user_id: nurse.id }).first()).toBeUndefined();
    const saved = await dispatch(nurse, 'softphone.saveAccount', account);
    expect(saved).toMatchObject({ wsUrl: account.wsUrl, user: '1001', hasPassword: true, iceServers: [{ urls: 'turn:10.0.0.1', username: 'u' }] });
    expect(JSON.stringify(saved)).not.toContain('very-secret-pw');
    expect(JSON.stringify(saved)).not.toContain('turn-pw');

    const row = await store.knex('sip_accounts').where({ user_id: nurse.id }).first();
    expect(row.secret_enc).toMatch(/^gcm:/);
    expect(JSON.stringify(row)).not.toContain('very-secret-pw');
    const keyFile = path.join(dataDir, 'secrets.key');
    expect(fs.statSync(keyFile).size).toBe(32);
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    expect(await dispatch(nurse, 'softphone.account')).toMatchObject({ hasPassword: true });
    expect(await dispatch(other, 'softphone.account')).toBeNull();
    // No account yet is the normal state: null (no 404 in the log), and nothing audited.
    expect(await dispatch(other, 'softphone.credentials')).toBeNull();
    expect(await store.knex('audit_log').where({ user_id: other.id, action: 'softphone.credentials' }).pluck('id')).toEqual([]);
    const creds = await dispatch(nurse, 'softphone.credentials');
    expect(creds).toMatchObject({ password: 'very-secret-pw', iceServers: [{ credential: 'turn-pw' }] });
    const audits = await store.knex('audit_log').where({ user_id: nurse.id }).pluck('action');
    expect(audits).toEqual(expect.arrayContaining(['softphone.account.save', 'softphone.credentials']));
    expect(JSON.stringify(await store.knex('audit_log'))).not.toContain('very-secret-pw');

    // Saving without a password keeps the stored one.
    await dispatch(nurse, 'softphone.saveAccount', { ...account, password: undefined, displayName: '护士甲2' });
    expect((await dispatch(nurse, 'softphone.credentials'))?.password).toBe('very-secret-pw');
    await expect(dispatch(other, 'softphone.saveAccount', { ...account, password: undefined })).rejects.toMatchObject({ code: 'invalid_input' });

    // A store moved to another key (another workstation) asks for the password again.
    const sealed = row.secret_enc as string;
    await store
      .knex('sip_accounts')
      .where({ user_id: nurse.id })
      .update({ secret_enc: `gcm:${Buffer.alloc(60, 1).toString('base64')}` });
    await expect(dispatch(nurse, 'softphone.credentials')).rejects.toMatchObject({ code: 'conflict' });
    await store.knex('sip_accounts').where({ user_id: nurse.id }).update({ secret_enc: sealed });
  });

  it('records an answered outbound call with times, who hung up and the confirmed outcome', async () => {
    const patientId = await addPatient(store.knex, '王五', [{ number: '13800138000' }]);
    const { callId } = await dispatch(nurse, 'calls.start', { direction: 'outbound', number: '138 0013 8000', patientId, consent: true });
    clock.advance(3000);
    await dispatch(nurse, 'calls.answered', { callId });
    await expect(dispatch(other, 'calls.answered', { callId })).rejects.toMatchObject({ code: 'forbidden' });
    clock.advance(65_000);
    const rec = await dispatch(nurse, 'calls.end', { callId, endedBy: 'remote', reason: 'bye', outcome: 'connected' });
    expect(rec).toMatchObject({
      number: '13800138000',
      patientId,
      patientName: '王五',
      startedAt: '2026-11-20 10:00:00',
      answeredAt: '2026-11-20 10:00:03',
      endedAt: '2026-11-20 10:01:08',
      endedBy: 'remote',
      reason: 'bye',
      outcome: 'connected',
      outcomeConfirmed: false,
      missed: false,
      durationSec: 65,
    });
    // A repeated end report (after a reconnect) changes nothing.
    clock.advance(1000);
    expect((await dispatch(nurse, 'calls.end', { callId, endedBy: 'local', reason: 'hangup' })).endedBy).toBe('remote');
    await dispatch(nurse, 'calls.setOutcome', { callId, outcome: 'connected' });
    const [listed] = await dispatch(nurse, 'calls.list', { patientId });
    expect(listed).toMatchObject({ id: callId, outcomeConfirmed: true });
  });

  it('keeps a missed inbound call as missed', async () => {
    const { callId } = await dispatch(nurse, 'calls.start', { direction: 'inbound', number: '13900139000' });
    clock.advance(20_000);
    const rec = await dispatch(nurse, 'calls.end', { callId, endedBy: 'remote', reason: 'remote_cancel', sipCode: 487 });
    expect(rec).toMatchObject({ missed: true, answeredAt: null, sipCode: 487, durationSec: null });
    expect((await dispatch(nurse, 'calls.list', { missedOnly: true })).map((c: { id: number }) => c.id)).toContain(callId);
  });

  it('finds the caller among every phone of every patient', async () => {
    const a = await addPatient(store.knex, '李四', [{ number: '13700137000' }, { number: '010-62345678' }]);
    const b = await addPatient(store.knex, '赵六', [{ number: '13600136000' }, { number: '13700137000', role: 'contact', contactName: '赵小六' }]);
    const both = await dispatch(nurse, 'calls.lookupCaller', { number: '+86 137 0013 7000' });
    expect(both.map((m: { patientId: number }) => m.patientId).sort()).toEqual([a, b].sort());
    expect(both[0]).toMatchObject({ patientId: a, phoneRole: 'self', name: '李四', age: 76 });
    expect(both.find((m: { patientId: number }) => m.patientId === b)).toMatchObject({ phoneRole: 'contact', contactName: '赵小六' });
    expect(await dispatch(nurse, 'calls.lookupCaller', { number: '01062345678' })).toMatchObject([{ patientId: a }]);
    expect(await dispatch(nurse, 'calls.lookupCaller', { number: '62345678' })).toMatchObject([{ patientId: a }]);
    expect(await dispatch(nurse, 'calls.lookupCaller', { number: '13500000000' })).toEqual([]);
  });

  it('stores a consented recording, plays it back to a head, refuses without consent, purges after retention', async () => {
    const patientId = await addPatient(store.knex, '钱七', [{ number: '13300133000' }]);
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]);
    const { callId } = await dispatch(nurse, 'calls.start', { direction: 'outbound', number: '13300133000', patientId, consent: true });
    await expect(dispatch(other, 'calls.uploadRecording', { callId, mimeType: 'audio/webm', data: webm })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch(nurse, 'calls.uploadRecording', { callId, mimeType: 'audio/webm', data: 'AAAA' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await dispatch(nurse, 'calls.uploadRecording', { callId, mimeType: 'audio/webm;codecs=opus', data: webm })).toEqual({ bytes: 8 });
    await expect(dispatch(nurse, 'calls.uploadRecording', { callId, mimeType: 'audio/webm', data: webm })).rejects.toMatchObject({ code: 'conflict' });
    const row = await store.knex('calls').where({ id: callId }).first();
    expect(row.recording_path).toBe(`2026/11/call-${callId}.webm`);
    const file = path.join(dataDir, 'recordings', row.recording_path);
    expect(fs.readFileSync(file)).toEqual(Buffer.from(webm));

    // Played by whoever may list the call: its nurse, a head of the patient's department, an admin.
    const dept = await makeDept(store.knex, '心内科');
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-11-01', deptId: dept });
    const head = await createUser(store.knex, clock, { username: `h-${kind}`, displayName: 'H', role: 'head', password: 'pw-123456' });
    const otherHead = await createUser(store.knex, clock, { username: `h2-${kind}`, displayName: 'H2', role: 'head', password: 'pw-123456' });
    await store.knex('user_departments').insert({ user_id: head.id, dept_id: dept });
    await expect(dispatch(otherHead, 'calls.recordingData', { callId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch(other, 'calls.recordingData', { callId })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await dispatch(nurse, 'calls.recordingData', { callId })).mimeType).toBe('audio/webm;codecs=opus');
    expect((await dispatch(admin, 'calls.recordingData', { callId })).mimeType).toBe('audio/webm;codecs=opus');
    const played = await dispatch(head, 'calls.recordingData', { callId });
    expect(played.mimeType).toBe('audio/webm;codecs=opus');
    expect(Buffer.from(played.data)).toEqual(Buffer.from(webm));
    expect(await store.knex('audit_log').where({ user_id: head.id, action: 'call.recording.play' }).count({ n: '*' })).toMatchObject([
      { n: expect.anything() },
    ]);

    const { callId: noConsent } = await dispatch(nurse, 'calls.start', { direction: 'outbound', number: '13300133000', consent: false });
    await expect(dispatch(nurse, 'calls.uploadRecording', { callId: noConsent, mimeType: 'audio/webm', data: webm })).rejects.toMatchObject({
      code: 'conflict',
    });

    // Retention: nothing is due at 30 days; at 31 days of a 30-day period the file goes.
    clock.advance(30 * 86_400_000 - 60_000);
    expect(await purgeRecordings(store.knex, clock, path.join(dataDir, 'recordings'), 30)).toBe(0);
    clock.advance(86_400_000);
    await expect(dispatch(nurse, 'calls.purgeRecordings', { olderThanDays: 30 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await dispatch(admin, 'calls.purgeRecordings', { olderThanDays: 30 })).toMatchObject({ purged: expect.any(Number), olderThanDays: 30 });
    expect(fs.existsSync(file)).toBe(false);
    const after = await store.knex('calls').where({ id: callId }).first();
    expect(after.recording_path).toBeNull();
    expect(after.recording_purged_at).not.toBeNull();
    await expect(dispatch(head, 'calls.recordingData', { callId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('follows the nurse to another workstation on the same store when the workstations share a team key, and only then', async () => {
    const account = { wsUrl: 'ws://127.0.0.1:8088', user: '1002', password: 'team-secret-pw', domain: '127.0.0.1', displayName: '护士乙' };
    const keyFile = path.join(tempDir('team-key'), 'team.key');
    fs.writeFileSync(keyFile, Buffer.alloc(32, 7), { mode: 0o600 });
    const workstation = (teamKey: boolean) => {
      const dir = tempDir('workstation');
      const config = { softphone: { pbxWebSocketOrigins: ['ws://127.0.0.1:8088'] }, ...(teamKey ? { team: { keyFile } } : {}) };
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
      return ipcDispatch(store, clock, dir);
    };
    const [first, second, alone] = [workstation(true), workstation(true), workstation(false)];
    await first(other, 'softphone.saveAccount', account);
    const row = await store.knex('sip_accounts').where({ user_id: other.id }).first();
    expect(row.secret_enc).toMatch(/^team:/);
    expect(row.secret_enc).not.toContain('team-secret-pw');
    expect(await second(other, 'softphone.credentials')).toMatchObject({ password: 'team-secret-pw' });
    // A workstation without the team key cannot read it, and says so in the user's words.
    await expect(alone(other, 'softphone.credentials')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^SIP 密码是在另一台工作站/),
    });
  });

  it('keeps recordings in the shared folder config names, so a head on another workstation plays them', async () => {
    const share = tempDir('recordings-share');
    const workstation = () => {
      const dir = tempDir('workstation');
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ recordings: { dir: share } }));
      return ipcDispatch(store, clock, dir);
    };
    const [nursePc, headPc] = [workstation(), workstation()];
    const patientId = await addPatient(store.knex, '孙九', [{ number: '13300133001' }]);
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 9, 8, 7]);
    const { callId } = await nursePc(nurse, 'calls.start', { direction: 'outbound', number: '13300133001', patientId, consent: true });
    await nursePc(nurse, 'calls.uploadRecording', { callId, mimeType: 'audio/webm', data: webm });
    const row = await store.knex('calls').where({ id: callId }).first();
    expect(fs.readFileSync(path.join(share, row.recording_path))).toEqual(Buffer.from(webm));
    expect(Buffer.from((await headPc(admin, 'calls.recordingData', { callId })).data)).toEqual(Buffer.from(webm));
    fs.rmSync(share, { recursive: true, force: true });
  });

  it("lists a nurse her own calls, a head her departments' patients' (numbers masked), an admin all; audited with the address", async () => {
    const dept = await makeDept(store.knex, '肿瘤科');
    const elsewhere = await makeDept(store.knex, '骨科');
    const mine = await addPatient(store.knex, '孙八', [{ number: '13100131000' }]);
    const theirs = await addPatient(store.knex, '周九', [{ number: '13200132000' }]);
    await makeEncounter(store.knex, { patientId: mine, kind: 'inpatient', date: '2026-11-02', deptId: dept });
    await makeEncounter(store.knex, { patientId: theirs, kind: 'inpatient', date: '2026-11-02', deptId: elsewhere });
    const head = await createUser(store.knex, clock, { username: `lh-${kind}`, displayName: 'LH', role: 'head', password: 'pw-123456' });
    await store.knex('user_departments').insert({ user_id: head.id, dept_id: dept });
    const { callId: a } = await dispatch(nurse, 'calls.start', { direction: 'outbound', number: '13100131000', patientId: mine });
    const { callId: b } = await dispatch(other, 'calls.start', { direction: 'outbound', number: '13200132000', patientId: theirs });
    const { callId: c } = await dispatch(other, 'calls.start', { direction: 'outbound', number: '13100131000', patientId: mine });
    const ids = async (u: User, input: object = {}) => (await dispatch(u, 'calls.list', { limit: 200, ...input })).map((r: { id: number }) => r.id);

    expect(await ids(nurse)).toContain(a);
    expect(await ids(nurse)).not.toContain(b);
    expect(await ids(nurse)).not.toContain(c);
    expect(await ids(nurse, { patientId: mine })).toEqual([a]);
    expect(await ids(other)).toEqual(expect.arrayContaining([b, c]));
    expect(await ids(other)).not.toContain(a);
    expect((await ids(head)).sort()).toEqual([a, c].sort());
    expect(await ids(admin)).toEqual(expect.arrayContaining([a, b, c]));

    // Caller look-up: a head is shown her departments' patients only.
    expect(await dispatch(head, 'calls.lookupCaller', { number: '13200132000' })).toEqual([]);
    expect(await dispatch(head, 'calls.lookupCaller', { number: '13100131000' })).toMatchObject([{ patientId: mine }]);
    expect(await dispatch(nurse, 'calls.lookupCaller', { number: '13200132000' })).toMatchObject([{ patientId: theirs }]);

    const [shown] = await dispatch(head, 'calls.list', { patientId: mine, limit: 1 });
    expect(shown.number).toBe('131****1000');
    expect((await dispatch(nurse, 'calls.list', { patientId: mine, limit: 1 }))[0].number).toBe('13100131000');

    // Audited as a view, with where the call came from.
    const d = testDispatcher(store, clock, dataDir);
    expect((await d.dispatch({ user: head, token: null, transport: 'http', address: '10.1.2.3' }, 'calls.list', { patientId: mine })).ok).toBe(true);
    const row = await store.knex('audit_log').where({ user_id: head.id, action: 'call.list' }).orderBy('id', 'desc').first();
    expect(row).toMatchObject({ patient_id: mine, address: '10.1.2.3' });
    // She dials and links calls to her departments' patients only.
    await expect(dispatch(head, 'calls.start', { direction: 'outbound', number: '13200132000', patientId: theirs })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const { callId: own } = await dispatch(head, 'calls.start', { direction: 'outbound', number: '13100131000', patientId: mine });
    await expect(dispatch(head, 'calls.link', { callId: own, patientId: theirs })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await store.knex('calls').where({ id: own }).first('patient_id')).patient_id).toBe(mine);
  });
});
