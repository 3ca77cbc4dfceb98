import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { sendDueSms } from '../../src/main/messaging/send-due';
import { sendOne } from '../../src/main/messaging/send';
import { shippedSmsTemplates } from '../../src/main/messaging/templates';
import { livePlan, makeDept, makeEncounter, makePatient, moodQuestionnaire, planDef } from '../helpers/followup';
import { startMessagingWorld, type MessagingWorld } from '../helpers/messaging';
import { STORE_KINDS, tempDir } from '../helpers/stores';

const lib = moodQuestionnaire();

// A hypertension plan with a monthly SMS track, as templates/plans/hypertension.json has.
const smsPlan = planDef({
  code: 'hypertension',
  name: '高血压慢病管理',
  enrolment: { rules: [{ id: 'htn', encounterKind: 'outpatient' }], lookbackDays: 60 },
  tracks: [
    {
      id: 'sms',
      name: '每月短信',
      anchor: 'visit',
      channel: 'sms',
      window: { before: 0, after: 7 },
      satisfiedBy: 'none',
      cycles: [{ every: { months: 1 }, until: { months: 3 } }],
    },
  ],
});

describe.each(STORE_KINDS)('chronic-disease monthly SMS (sendDueSms) on %s', (kind) => {
  let w: MessagingWorld;
  let dept: number;
  const knex = () => w.app.store.knex;
  const run = () => sendDueSms(w.app.store, w.clock, w.sms, { hospital: '第一医院', statusCallbackUrl: w.app.config.twilio!.statusCallbackUrl });
  const taskOf = (patientId: number) => knex()('tasks').where({ patient_id: patientId, channel: 'sms' }).orderBy('id').first();
  async function enrol(name: string, phones: string[], visit: string): Promise<number> {
    const patientId = await makePatient(knex(), { name, phones });
    await makeEncounter(knex(), { patientId, kind: 'outpatient', date: visit, deptId: dept, diag: 'I10' });
    return patientId;
  }

  beforeAll(async () => {
    w = await startMessagingWorld(kind);
    dept = await makeDept(knex(), '心内科');
    await livePlan(knex(), w.clock, smsPlan);
  });
  afterAll(async () => w?.close());

  it('sends each task due today once, closes it with its message, and skips opted-out, invalid and landline-only patients', async () => {
    const d = await enrol('欧阳娜娜', ['13800138104'], '2026-10-20');
    const e = await enrol('张三丰', ['13800138105'], '2026-10-20');
    const f = await enrol('李四', ['13800138106'], '2026-10-20');
    const g = await enrol('王五', ['13800138107'], '2026-10-20');
    const h = await enrol('赵六', ['010-62345678'], '2026-10-20');
    expect((await runFollowupCycle(w.app.store, w.clock, lib)).tasksCreated).toBe(5);
    expect((await taskOf(d)).due_date).toBe('2026-11-20');
    // Opted out after the task was generated: the check at send time still stops it.
    await w.call(w.nurse, 'messages.optOut', { patientId: f });
    w.fake.invalid.add('+8613800138107');
    const before = w.fake.requests.length;

    expect(await run()).toEqual({ due: 5, sent: 2, optedOut: 1, failed: 1, noMobile: 1, alreadySent: 0, interrupted: 0 });
    expect(w.fake.requests.slice(before).map((r) => r.form.To)).toEqual(['+8613800138104', '+8613800138105', '+8613800138107']);

    for (const p of [d, e]) {
      const task = await taskOf(p);
      const msg = await knex()('messages').where({ task_id: task.id }).first();
      expect(task).toMatchObject({ status: 'done', disposition: 'sms_sent', note: `短信 #${msg.id}` });
      expect(msg).toMatchObject({ status: 'queued', template: 'chronic-monthly-hypertension', patient_id: p });
    }
    const body = (await knex()('messages').where({ patient_id: d }).first()).body;
    expect(body).toBe(
      '【第一医院】欧阳**您好，这是心内科2026年11月20日的高血压随访提醒：请坚持低盐饮食、按时服药，每日测量血压并记录；血压持续高于140/90或头晕胸闷请及时就诊。回复T退订',
    );
    expect((await knex()('messages').where({ patient_id: e }).first()).body).toContain('张**您好');
    expect(await taskOf(f)).toMatchObject({ status: 'cancelled', disposition: 'opt_out' });
    expect(await knex()('messages').where({ patient_id: f })).toEqual([]);
    expect(await taskOf(g)).toMatchObject({ status: 'unreachable', disposition: 'sms_failed' });
    expect(await knex()('messages').where({ patient_id: g }).first()).toMatchObject({ status: 'failed', error_code: '21211' });
    expect(await taskOf(h)).toMatchObject({ status: 'unreachable', disposition: 'no_mobile' });

    // Again, the same day: nothing is due, nothing is sent.
    const count = Number((await knex()('messages').count({ n: '*' }))[0].n);
    expect(await run()).toMatchObject({ due: 0, sent: 0 });
    expect(w.fake.requests.length).toBe(before + 3);
    expect(Number((await knex()('messages').count({ n: '*' }))[0].n)).toBe(count);
    // The receipt of a monthly reminder lands like any other.
    const sid = (await knex()('messages').where({ patient_id: d }).first()).provider_sid;
    expect(await w.fake.receipt(sid, 'delivered')).toBe(200);
    expect((await w.call(w.nurse, 'messages.list', { patientId: d })).messages[0]).toMatchObject({ status: 'delivered', taskId: (await taskOf(d)).id });
    // A reply is kept against the reminder it answers.
    expect((await w.fake.inbound(`${w.server.url}/twilio/inbound`, '+8613800138104', '血压 150/95，头晕')).status).toBe(200);
    expect((await w.call(w.nurse, 'messages.list', { patientId: d })).messages[0]).toMatchObject({
      direction: 'inbound',
      status: 'received',
      aboutTaskId: (await taskOf(d)).id,
    });
  });

  it('after a crash between insert and provider call, or between send and mark, never sends a task twice', async () => {
    w.clock.set('2026-11-21 10:00:00');
    const i = await enrol('钱一', ['13800138108'], '2026-10-21');
    const j = await enrol('孙二', ['13800138109'], '2026-10-21');
    await runFollowupCycle(w.app.store, w.clock, lib);
    const ti = await taskOf(i);
    const tj = await taskOf(j);
    const now = '2026-11-21 10:00:00';
    // Crash 1: the run wrote the 'sending' row and died before the provider answered.
    await knex()('messages').insert({
      direction: 'outbound',
      patient_id: i,
      phone: '+8613800138108',
      template: 'chronic-monthly-hypertension',
      body: 'x',
      provider: 'twilio',
      status: 'sending',
      task_id: ti.id,
      created_at: now,
      updated_at: now,
    });
    // Crash 2: the provider took it, the run died before closing the task.
    const deps = {
      knex: knex(),
      clock: w.clock,
      provider: w.sms,
      hospital: '第一医院',
      statusCallbackUrl: null,
      templates: shippedSmsTemplates(),
      log: () => {},
    };
    expect(await sendOne(deps, { patientId: j, phone: '+8613800138109', template: 'chronic-monthly-hypertension', body: 'y', taskId: tj.id })).toMatchObject({
      kind: 'accepted',
    });
    // And a second try at the same task key is refused before any provider call.
    expect(await sendOne(deps, { patientId: j, phone: '+8613800138109', template: null, body: 'y', taskId: tj.id })).toMatchObject({ kind: 'duplicate' });
    const before = w.fake.requests.length;

    expect(await run()).toMatchObject({ due: 2, sent: 0, alreadySent: 1, interrupted: 0 });
    expect(await taskOf(j)).toMatchObject({ status: 'done', disposition: 'sms_sent' });
    expect((await taskOf(i)).status).toBe('pending'); // maybe a run still in flight: wait

    w.clock.set('2026-11-21 10:11:00');
    expect(await run()).toMatchObject({ due: 1, sent: 0, alreadySent: 1, interrupted: 1 });
    expect(await taskOf(i)).toMatchObject({ status: 'done', disposition: 'sms_unconfirmed' });
    expect(await knex()('messages').where({ task_id: ti.id })).toMatchObject([{ status: 'failed', error_code: 'interrupted' }]);
    expect(w.fake.requests.length).toBe(before);
    for (const t of [ti, tj]) expect(await knex()('messages').where({ task_id: t.id })).toHaveLength(1);
  });

  it('two runs at once still send one message per task', async () => {
    w.clock.set('2026-11-22 09:00:00');
    const k = await enrol('周三', ['13800138110'], '2026-10-22');
    const l = await enrol('吴四', ['13800138111'], '2026-10-22');
    await runFollowupCycle(w.app.store, w.clock, lib);
    const before = w.fake.requests.length;
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.sent + b.sent).toBe(2);
    expect(w.fake.requests.length).toBe(before + 2);
    for (const p of [k, l]) {
      expect(await taskOf(p)).toMatchObject({ status: 'done', disposition: 'sms_sent' });
      expect(await knex()('messages').where({ patient_id: p })).toHaveLength(1);
    }
  });
});

describe('followup sms send-due (CLI)', () => {
  it('runs on a workstation without Twilio and prints counts as JSON', async () => {
    const dir = tempDir('followup-sms-cli');
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['node', 'followup', 'sms', 'send-due', '--data', dir])).toBe(0);
      expect(JSON.parse(String(out.mock.calls.at(-1)![0]))).toEqual({ due: 0, sent: 0, optedOut: 0, failed: 0, noMobile: 0, alreadySent: 0, interrupted: 0 });
    } finally {
      out.mockRestore();
      err.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
