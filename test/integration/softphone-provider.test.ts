import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/main/auth/users';
import type { Store } from '../../src/main/store/store';
import type { Clock } from '../../src/main/util/clock';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// The nurse's choice of telephony (softphone.voice / softphone.setProvider) on both stores:
// per user, validated at the dispatcher, Twilio only where main can mint Voice tokens.

const hex = (c: string) => c.repeat(32);
const twilioConfig = {
  twilio: {
    accountSid: `AC${hex('1')}`,
    apiKey: `SK${hex('2')}`,
    apiSecret: 'secret',
    messagingServiceSid: `MG${hex('3')}`,
    voice: { twimlAppSid: `AP${hex('4')}` },
  },
};

describe.each(STORE_KINDS)('softphone provider on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const dirs: string[] = [];
  const clock: Clock = { now: () => new Date('2026-11-20T02:00:00Z') };
  let nurse: User;
  let other: User;
  let plain: TestDispatch; // no Twilio in config.json
  let withTwilio: TestDispatch;

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    const plainDir = tempDir('followup-provider');
    const twilioDir = tempDir('followup-provider-twilio');
    dirs.push(plainDir, twilioDir);
    fs.writeFileSync(path.join(twilioDir, 'config.json'), JSON.stringify(twilioConfig));
    plain = ipcDispatch(store, clock, plainDir);
    withTwilio = ipcDispatch(store, clock, twilioDir);
    nurse = await createUser(store.knex, clock, { username: 'p1', displayName: 'P1', role: 'nurse', password: 'pw-123456' });
    other = await createUser(store.knex, clock, { username: 'p2', displayName: 'P2', role: 'nurse', password: 'pw-123456' });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('is SIP by default and refuses Twilio when main cannot mint Voice tokens', async () => {
    expect(await plain(nurse, 'softphone.voice')).toEqual({ provider: 'sip', twilioAvailable: false });
    await expect(plain(nurse, 'softphone.setProvider', { provider: 'twilio' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(plain(nurse, 'softphone.setProvider', { provider: 'skype' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(plain(nurse, 'softphone.setProvider', { provider: 'sip', extra: 1 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(plain(null, 'softphone.voice')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('keeps the choice per user, audited, and reads SIP again once Twilio is no longer configured', async () => {
    expect(await withTwilio(nurse, 'softphone.voice')).toEqual({ provider: 'sip', twilioAvailable: true });
    expect(await withTwilio(nurse, 'softphone.setProvider', { provider: 'twilio' })).toEqual({ provider: 'twilio', twilioAvailable: true });
    expect(await withTwilio(nurse, 'softphone.voice')).toEqual({ provider: 'twilio', twilioAvailable: true });
    expect(await withTwilio(other, 'softphone.voice')).toEqual({ provider: 'sip', twilioAvailable: true });
    expect(await plain(nurse, 'softphone.voice')).toEqual({ provider: 'sip', twilioAvailable: false });
    const audits = await store.knex('audit_log').where({ user_id: nurse.id, action: 'softphone.provider.save' }).pluck('detail');
    expect(audits).toEqual([JSON.stringify({ provider: 'twilio' })]);
    await withTwilio(nurse, 'softphone.setProvider', { provider: 'sip' });
    expect(await withTwilio(nurse, 'softphone.voice')).toEqual({ provider: 'sip', twilioAvailable: true });
  });

  it("stores a Twilio caller who hung up before the answer as a missed call (the adapter's end report)", async () => {
    const { callId } = await withTwilio(nurse, 'calls.start', { direction: 'inbound', number: '+8613900139000' });
    const end = await withTwilio(nurse, 'calls.end', { callId, endedBy: 'remote', sipCode: 487, reason: 'remote_cancel', outcome: null });
    expect(end).toMatchObject({ missed: true, answeredAt: null, endedBy: 'remote', reason: 'remote_cancel' });
  });
});
