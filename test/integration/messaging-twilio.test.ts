import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatcherFor } from '../../src/main/api/app-dispatcher';
import type { Services } from '../../src/main/api/services';
import { logProvider, SmsProviderError } from '../../src/main/messaging/provider';
import { twilioProvider } from '../../src/main/messaging/twilio-provider';
import { makeDept, makeEncounter, makePatient } from '../helpers/followup';
import { startMessagingWorld, TW, type MessagingWorld } from '../helpers/messaging';
import { STORE_KINDS } from '../helpers/stores';

const REMINDER = { template: 'return-visit', variables: { date: '2026-12-03', department: '心内科' } };

describe.each(STORE_KINDS)('SMS through the Twilio library and a fake Twilio on %s', (kind) => {
  let w: MessagingWorld;
  const knex = () => w.app.store.knex;
  const row = (id: number) => knex()('messages').where({ id }).first();

  beforeAll(async () => {
    w = await startMessagingWorld(kind);
  });
  afterAll(async () => w?.close());

  it('sends with the API key, stores queued, then sent and delivered from signed receipts; never backwards', async () => {
    const patientId = await makePatient(knex(), { name: '张三丰', phones: ['138-0013-8001'] });
    const msg = await w.call(w.nurse, 'messages.send', { patientId, ...REMINDER, taskId: 77 });
    expect(msg).toMatchObject({
      status: 'queued',
      provider: 'twilio',
      phone: '+8613800138001',
      template: 'return-visit',
      aboutTaskId: 77,
      sentByName: '护士甲',
    });
    expect(msg.body).toBe('【第一医院】张**您好，请您于2026年12月3日到心内科复诊，请携带病历及检查资料。如需改约请致电科室。回复T退订');

    const req = w.fake.requests.at(-1)!;
    expect(req).toMatchObject({ method: 'POST', auth: 'key', path: `/2010-04-01/Accounts/${TW.accountSid}/Messages.json` });
    expect(req.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.form).toEqual({
      To: '+8613800138001',
      MessagingServiceSid: TW.messagingServiceSid,
      Body: msg.body,
      StatusCallback: `${w.server.url}/twilio/status?msg=${msg.id}`,
    });
    const sid = w.fake.messages.at(-1)!.sid;
    expect((await row(msg.id)).provider_sid).toBe(sid);

    expect(await w.fake.receipt(sid, 'sent')).toBe(200);
    expect((await row(msg.id)).status).toBe('sent');
    expect(await w.fake.receipt(sid, 'delivered')).toBe(200);
    expect(await w.fake.receipt(sid, 'sent')).toBe(200); // late and out of order
    expect((await row(msg.id)).status).toBe('delivered');

    const list = await w.call(w.nurse, 'messages.list', { patientId });
    expect(list).toMatchObject({ patientId, optedOut: false, optOuts: [] });
    expect(list.messages[0]).toMatchObject({ id: msg.id, status: 'delivered', phone: '+8613800138001' });
    // A head sees her departments' patients' messages only, numbers masked.
    await expect(w.call(w.head, 'messages.list', { patientId })).rejects.toMatchObject({ code: 'forbidden' });
    const dept = await makeDept(knex(), '心内科');
    await makeEncounter(knex(), { patientId, kind: 'outpatient', date: '2026-11-01', deptId: dept });
    await knex()('user_departments').insert({ user_id: w.head.id, dept_id: dept });
    expect((await w.call(w.head, 'messages.list', { patientId })).messages[0].phone).toBe('+86138****8001');
    expect(await knex()('audit_log').where({ action: 'sms.send', patient_id: patientId }).first()).toBeTruthy();
  });

  it('finds its row by ?msg= when a receipt comes before the sid was stored', async () => {
    const patientId = await makePatient(knex(), { name: '李四', phones: ['13800138011'] });
    const msg = await w.call(w.nurse, 'messages.send', { patientId, ...REMINDER });
    await knex()('messages').where({ id: msg.id }).update({ provider_sid: null });
    expect(await w.fake.receipt(w.fake.messages.at(-1)!.sid, 'undelivered', '30003')).toBe(200);
    expect(await row(msg.id)).toMatchObject({ status: 'undelivered', provider_sid: w.fake.messages.at(-1)!.sid, error_code: '30003' });
    expect((await w.call(w.nurse, 'messages.list', { patientId })).messages[0].errorMessage).toMatch(/无法接通/);
  });

  it('refuses unsigned, badly signed and misaddressed receipts with 403 and changes nothing', async () => {
    const patientId = await makePatient(knex(), { name: '王五', phones: ['13800138021'] });
    const msg = await w.call(w.nurse, 'messages.send', { patientId, ...REMINDER });
    const sid = w.fake.messages.at(-1)!.sid;
    const url = `${w.server.url}/twilio/status?msg=${msg.id}`;
    const form = { AccountSid: TW.accountSid, MessageSid: sid, MessageStatus: 'delivered', SmsSid: sid, SmsStatus: 'delivered' };
    expect(await w.fake.post(url, form, null)).toBe(403);
    expect(await w.fake.post(url, form, 'bm90IGEgc2lnbmF0dXJl')).toBe(403);
    expect(await w.fake.post(url, form, await w.fake.sign(`${w.server.url}/twilio/status?msg=999`, form))).toBe(403);
    expect(await w.fake.post(url, { ...form, MessageStatus: 'failed' }, await w.fake.sign(url, form))).toBe(403); // body changed after signing
    expect(await w.fake.post(url, { ...form, AccountSid: `AC${'9'.repeat(32)}` }, await w.fake.sign(url, { ...form, AccountSid: `AC${'9'.repeat(32)}` }))).toBe(
      403,
    );
    expect((await fetch(url)).status).toBe(405);
    expect((await row(msg.id)).status).toBe('queued');
    expect(await w.fake.post(url, form, await w.fake.sign(url, form))).toBe(200);
    expect((await row(msg.id)).status).toBe('delivered');
  });

  it('21610 from Twilio records the opt-out and the patient is never sent to again', async () => {
    const patientId = await makePatient(knex(), { name: '赵六', phones: ['13800138031'] });
    w.fake.unsubscribed.add('+8613800138031');
    const failed = await w.call(w.nurse, 'messages.send', { patientId, ...REMINDER });
    expect(failed).toMatchObject({ status: 'failed', errorCode: '21610' });
    expect(await knex()('sms_opt_outs').where({ phone: '+8613800138031' }).first()).toMatchObject({ source: 'provider', patient_id: patientId });
    const before = w.fake.requests.length;
    await expect(w.call(w.nurse, 'messages.send', { patientId, ...REMINDER })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/退订/),
    });
    expect(w.fake.requests.length).toBe(before);
    expect(await w.call(w.nurse, 'messages.list', { patientId })).toMatchObject({ optedOut: true, optOuts: [{ source: 'provider' }] });
    expect(await w.call(w.nurse, 'messages.preview', { patientId, ...REMINDER })).toMatchObject({ optedOut: true, segments: 1 });
  });

  it('a signed STOP / 退订 reply opts the number out and is kept on the timeline; an unsigned one does nothing', async () => {
    const patientId = await makePatient(knex(), { name: '孙七', phones: ['13800138041'] });
    const other = await makePatient(knex(), { name: '周八', phones: ['13800138042'] });
    const inboundUrl = `${w.server.url}/twilio/inbound`;
    expect(await w.fake.post(inboundUrl, { AccountSid: TW.accountSid, From: '+8613800138042', Body: 'STOP', MessageSid: `SM${'0'.repeat(32)}` }, null)).toBe(
      403,
    );
    const ok = await w.fake.inbound(inboundUrl, '+8613800138041', '好的，收到');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<Response></Response>');
    const stop = await w.fake.inbound(inboundUrl, '+8613800138041', '退订');
    expect(stop.status).toBe(200);
    expect(await knex()('sms_opt_outs').where({ phone: '+8613800138041' }).first()).toMatchObject({ source: 'reply', patient_id: patientId });
    expect(await knex()('sms_opt_outs').where({ phone: '+8613800138042' }).first()).toBeUndefined();
    const list = await w.call(w.nurse, 'messages.list', { patientId });
    expect(list.optedOut).toBe(true);
    expect(list.messages.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ['inbound', '退订'],
      ['inbound', '好的，收到'],
    ]);
    const before = w.fake.requests.length;
    await expect(w.call(w.nurse, 'messages.send', { patientId, ...REMINDER })).rejects.toMatchObject({ code: 'invalid_input' });
    await w.call(w.nurse, 'messages.send', { patientId: other, ...REMINDER });
    expect(w.fake.requests.length).toBe(before + 1);
  });

  it('a manual opt-out blocks the patient on every number; only nurses and heads may record it', async () => {
    const patientId = await makePatient(knex(), { name: '欧阳娜娜', phones: ['13800138051', '13900139051'] });
    const preview = await w.call(w.nurse, 'messages.preview', { patientId, ...REMINDER, phone: '13900139051' });
    expect(preview).toMatchObject({ phone: '+8613900139051', optedOut: false });
    expect(preview.body).toContain('欧阳**您好');
    await expect(w.call(w.nurse, 'messages.send', { patientId, ...REMINDER, phone: '13700000000' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await w.call(w.nurse, 'messages.optOut', { patientId, note: '电话中要求不再发短信' })).toEqual({ patientId, optOuts: 3 });
    const before = w.fake.requests.length;
    for (const phone of [undefined, '13900139051'])
      await expect(w.call(w.nurse, 'messages.send', { patientId, ...REMINDER, phone })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(w.fake.requests.length).toBe(before);
    // A number the HIS adds later is blocked too: the opt-out names the patient.
    await knex()('phones').insert({ patient_id: patientId, number: '13600136051', kind: 'mobile', role: 'self', success_count: 0, fail_count: 0 });
    await expect(w.call(w.nurse, 'messages.send', { patientId, ...REMINDER, phone: '13600136051' })).rejects.toMatchObject({ code: 'invalid_input' });
    const admin = { ...w.nurse, role: 'admin' as const };
    await expect(w.call(admin, 'messages.optOut', { patientId })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('mints the voice token for the signed-in user; no secret ever leaves main', async () => {
    const token = await w.call(w.nurse, 'calls.twilioToken');
    expect(token).toMatchObject({ identity: 'nurse1', ttlSeconds: 3600 });
    const payload = JSON.parse(Buffer.from(token.token.split('.')[1], 'base64url').toString('utf8'));
    expect(payload.grants.voice.outgoing.application_sid).toBe(TW.twimlAppSid);
    await expect(w.call(null, 'calls.twilioToken')).rejects.toMatchObject({ code: 'unauthenticated' });
    const outputs = JSON.stringify([token, await w.call(w.nurse, 'messages.templates'), ...(await knex()('audit_log'))]) + w.logs.join('\n');
    for (const secret of [TW.authToken, TW.apiSecret]) expect(outputs).not.toContain(secret);
  });

  it('REST with the auth token when no API key is set; Twilio refusals are definite errors', async () => {
    const cfg = { ...w.app.config.twilio!, apiKey: null, apiSecret: null };
    const byToken = twilioProvider(cfg, { httpClient: w.fake.httpClient });
    await byToken.send({ to: '+8613800138061', body: 'x', statusCallback: null });
    expect(w.fake.requests.at(-1)).toMatchObject({ auth: 'token', form: { To: '+8613800138061', Body: 'x' } });
    const wrong = twilioProvider({ ...cfg, authToken: 'wrong' }, { httpClient: w.fake.httpClient });
    await expect(wrong.send({ to: '+8613800138061', body: 'x', statusCallback: null })).rejects.toMatchObject({ code: '20003', definite: true });
    const err = await byToken.send({ to: '+86123', body: 'x', statusCallback: null }).catch((e) => e);
    expect(err).toBeInstanceOf(SmsProviderError);
    expect(err).toMatchObject({ code: '21211', definite: true });
    const withFrom = twilioProvider({ ...cfg, messagingServiceSid: null, from: '+8610690000' }, { httpClient: w.fake.httpClient });
    await withFrom.send({ to: '+8613800138061', body: 'y', statusCallback: null });
    expect(w.fake.requests.at(-1)!.form).toEqual({ To: '+8613800138061', From: '+8610690000', Body: 'y' });
  });

  it('without Twilio, SMS go to the log-only provider and are stored as logged', async () => {
    const logs: string[] = [];
    const services = {
      store: w.app.store,
      clock: w.clock,
      config: { ...w.app.config, twilio: null },
      sync: null,
      sms: logProvider((m) => logs.push(m)),
    } as unknown as Services;
    const d = dispatcherFor(services);
    const patientId = await makePatient(knex(), { name: '吴九', phones: ['13800138071'] });
    const before = w.fake.requests.length;
    const out = await d.dispatch({ user: w.nurse, token: null, transport: 'ipc' }, 'messages.send', { patientId, ...REMINDER });
    expect(out).toMatchObject({ ok: true, result: { status: 'logged', provider: 'log' } });
    expect(w.fake.requests.length).toBe(before);
    expect(logs.join()).toContain('+86138****8071');
    expect(logs.join()).not.toContain('13800138071');
    const token = await d.dispatch({ user: w.nurse, token: null, transport: 'ipc' }, 'calls.twilioToken', undefined);
    expect(token).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
