import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../src/main/api/errors';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { fixedClock } from '../helpers/his';
import { makePatient, makeUsers } from '../helpers/followup';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// Consent to record is asked once the patient answers, so the softphone reports it mid-call
// (calls.setConsent); main stores a recording only for a call that holds consent.

describe.each(STORE_KINDS)('consent to record given during the call on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let dataDir: string;
  let amy: User;
  let bob: User;
  let patientId: number;
  const clock = fixedClock('2026-07-01 09:00:00');
  const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5]);
  let dispatch: TestDispatch;
  const row = (callId: number) => store.knex('calls').where({ id: callId }).first();
  const upload = (callId: number) => dispatch(amy, 'calls.uploadRecording', { callId, mimeType: 'audio/webm;codecs=opus', data: webm });
  const audits = (callId: number) =>
    store
      .knex('audit_log')
      .where('action', 'like', 'call.consent.%')
      .orderBy('id')
      .select('action', 'user_id', 'patient_id', 'detail')
      .then((rows) => rows.filter((r) => JSON.parse(r.detail).callId === callId));
  /** An outbound call to the patient, answered; consent as given when dialling. */
  async function answeredCall(consent: boolean): Promise<number> {
    const { callId } = await dispatch(amy, 'calls.start', { direction: 'outbound', number: '13900000001', patientId, consent });
    await dispatch(amy, 'calls.answered', { callId });
    return callId;
  }
  const end = (callId: number) => dispatch(amy, 'calls.end', { callId, endedBy: 'local', reason: 'hangup', outcome: 'connected' });

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    dataDir = tempDir('followup-consent');
    dispatch = ipcDispatch(store, clock, dataDir);
    [amy, bob] = await makeUsers(store.knex, 2);
    patientId = await makePatient(store.knex, { name: '孙八', phones: ['13900000001'] });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('dialled without consent: the recording is refused until consent is given mid-call, then stored and linked', async () => {
    const callId = await answeredCall(false);
    const refused = await upload(callId).catch((e) => e);
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringContaining('no consent to record') });
    expect(httpStatusOf[refused.code as 'conflict']).toBe(409);

    // Only the nurse on the call, signed in, with a boolean.
    await expect(dispatch(bob, 'calls.setConsent', { callId, consent: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch(null, 'calls.setConsent', { callId, consent: true })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(dispatch(amy, 'calls.setConsent', { callId, consent: 'yes' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(dispatch(amy, 'calls.setConsent', { callId: 999_999, consent: true })).rejects.toMatchObject({ code: 'not_found' });
    expect(await row(callId)).toMatchObject({ consent: 0 });

    expect(await dispatch(amy, 'calls.setConsent', { callId, consent: true })).toEqual({ consent: true });
    expect(await row(callId)).toMatchObject({ consent: 1 });
    expect(await end(callId)).toMatchObject({ consent: true, hasRecording: false });
    expect(await upload(callId)).toEqual({ bytes: webm.length });
    const stored = await row(callId);
    expect(stored).toMatchObject({ consent: 1, recording_path: `2026/07/call-${callId}.webm`, recording_bytes: webm.length });
    expect(fs.readFileSync(path.join(dataDir, 'recordings', stored.recording_path))).toEqual(Buffer.from(webm));
    expect((await dispatch(amy, 'calls.list', { patientId })).find((c: { id: number }) => c.id === callId)).toMatchObject({
      consent: true,
      hasRecording: true,
    });
    expect(await audits(callId)).toMatchObject([{ action: 'call.consent.give', user_id: amy.id, patient_id: patientId }]);
  });

  it('withdrawn after the answer: consent stays for what was recorded, the withdrawal is audited', async () => {
    const callId = await answeredCall(false);
    await dispatch(amy, 'calls.setConsent', { callId, consent: true });
    expect(await dispatch(amy, 'calls.setConsent', { callId, consent: false })).toEqual({ consent: true });
    // Given again (the recording resumes in the same file), then the call ends.
    expect(await dispatch(amy, 'calls.setConsent', { callId, consent: true })).toEqual({ consent: true });
    await end(callId);
    expect(await upload(callId)).toEqual({ bytes: webm.length });
    expect((await audits(callId)).map((a) => a.action)).toEqual(['call.consent.give', 'call.consent.withdraw', 'call.consent.give']);
  });

  it('withdrawn before the answer: no consent, so no recording', async () => {
    const { callId } = await dispatch(amy, 'calls.start', { direction: 'outbound', number: '13900000001', patientId, consent: true });
    expect(await dispatch(amy, 'calls.setConsent', { callId, consent: false })).toEqual({ consent: false });
    await dispatch(amy, 'calls.answered', { callId });
    await end(callId);
    await expect(upload(callId)).rejects.toMatchObject({ code: 'conflict' });
    expect(await row(callId)).toMatchObject({ consent: 0, recording_path: null });
  });

  it('never given: nothing is stored; after the end consent can no longer be given', async () => {
    const callId = await answeredCall(false);
    await end(callId);
    await expect(dispatch(amy, 'calls.setConsent', { callId, consent: true })).rejects.toMatchObject({ code: 'conflict' });
    await expect(upload(callId)).rejects.toMatchObject({ code: 'conflict' });
    expect(await row(callId)).toMatchObject({ consent: 0, recording_path: null, recording_bytes: null });
    expect(fs.readdirSync(path.join(dataDir, 'recordings', '2026', '07')).filter((f) => f.startsWith(`call-${callId}.`))).toEqual([]);
    expect(await audits(callId)).toEqual([]);
  });
});
