import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { livePlan, makeEncounter, makePatient, makeUsers, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// A nurse's change and its audit row commit together: when the row cannot be written the change
// is not kept either, so nothing in the store was changed unaudited (issue 11: "writes the audit
// row in the same transaction as the change").

const REFUSE = {
  sqlite: ["create trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit refused'); end"],
  pg: [
    "create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$",
    'create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()',
  ],
};
const ALLOW = {
  sqlite: ['drop trigger refuse_audit'],
  pg: ['drop trigger refuse_audit on audit_log', 'drop function refuse_audit()'],
};

describe.each(STORE_KINDS)('audit rows and changes commit together on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  let call: TestDispatch;
  const dataDir = tempDir('followup-audit-change');
  const clock = fixedClock('2026-07-01 09:00:00');
  const run = async (sql: string[]) => {
    for (const s of sql) await store.knex.raw(s);
  };
  /** What the nurse's calls could change, as one comparable value. */
  const snapshot = async () => ({
    tasks: await store.knex('tasks').orderBy('id').select('id', 'status', 'assignee_id', 'claimed_at', 'colour', 'disposition', 'updated_at'),
    responses: await store.knex('responses').orderBy('task_id').select('task_id', 'answers', 'draft'),
    attempts: await store.knex('attempts').count({ n: '*' }),
    phones: await store.knex('phones').orderBy('id').select('id', 'number', 'success_count'),
    enrolments: await store.knex('enrolments').orderBy('id').select('id', 'status'),
    calls: await store.knex('calls').orderBy('id').select('id', 'patient_id', 'task_id', 'answered_at', 'ended_at', 'outcome', 'consent', 'missed'),
  });
  const audited = async () => Number((await store.knex('audit_log').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    [amy] = await makeUsers(store.knex, 1);
    await livePlan(
      store.knex,
      clock,
      planDef({
        tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'post-discharge-recovery' }, points: [{ at: { days: 7 } }] }],
      }),
    );
    for (const [name, phone] of [
      ['赵一', '13900000071'],
      ['钱二', '13900000072'],
    ]) {
      const patientId = await makePatient(store.knex, { name, phones: [phone] });
      await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-26' });
    }
    await runFollowupCycle(store, clock, shippedLibrary());
    call = ipcDispatch(store, clock, dataDir);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps no change whose audit row fails, and keeps each one with its row once the log takes rows again', async () => {
    const held = (await call(amy, 'tasks.claimNext', {})).task;
    const [other] = await store.knex('tasks').whereNot({ id: held.id }).pluck('id');
    const answers = { general_condition: 'better' };
    const changes: [string, unknown][] = [
      ['followup.logAttempt', { taskId: held.id, phoneNumber: '13900000099', outcome: 'connected' }],
      ['followup.saveDraft', { taskId: held.id, answers, seq: 1 }],
      ['tasks.release', { taskId: held.id }],
      ['tasks.claim', { taskId: Number(other) }],
      ['followup.complete', { taskId: held.id, disposition: 'refused', reason: '不需要' }],
    ];

    await run(REFUSE[kind]);
    const before = await snapshot();
    const rows = await audited();
    for (const [method, input] of [['tasks.claimNext', {}] as [string, unknown], ...changes]) {
      await expect(call(amy, method, input), method).rejects.toMatchObject({ code: 'internal' });
      expect(await snapshot(), `${method} kept a change without its audit row`).toEqual(before);
    }
    expect(await audited()).toBe(rows);

    await run(ALLOW[kind]);
    for (const [method, input] of changes.slice(0, 2)) await call(amy, method, input);
    await call(amy, 'followup.complete', { taskId: held.id, disposition: 'refused', reason: '不需要' });
    await call(amy, 'tasks.claim', { taskId: Number(other) });
    await call(amy, 'tasks.release', { taskId: Number(other) });
    const actions = await store.knex('audit_log').where('id', '>', 0).orderBy('id').offset(rows).pluck('action');
    expect(actions).toEqual(['followup.logAttempt', 'followup.saveDraft', 'followup.complete', 'task.claim', 'task.release']);
    const done = await store.knex('tasks').where({ id: held.id }).first('status', 'disposition');
    expect(done).toEqual({ status: 'done', disposition: 'refused' });
    const { patient_id: patientId } = await store.knex('tasks').where({ id: held.id }).first('patient_id');
    const completion = await store.knex('audit_log').where({ action: 'followup.complete' }).first('patient_id');
    expect(Number(completion.patient_id)).toBe(Number(patientId));
  });

  it("keeps no call's start, link, answer, consent, end or outcome without its audit row", async () => {
    const [patientId] = await store.knex('patients').orderBy('id').pluck('id');
    const { callId } = await call(amy, 'calls.start', { direction: 'inbound', number: '13900000071' });
    const steps: [string, unknown][] = [
      ['calls.link', { callId, patientId: Number(patientId) }],
      ['calls.answered', { callId }],
      ['calls.setConsent', { callId, consent: true }],
      ['calls.end', { callId, endedBy: 'remote', reason: 'bye' }],
      ['calls.setOutcome', { callId, outcome: 'connected' }],
    ];
    for (const [method, input] of steps) {
      await run(REFUSE[kind]);
      const before = await snapshot();
      await expect(call(amy, method, input), method).rejects.toMatchObject({ code: 'internal' });
      await expect(call(amy, 'calls.start', { direction: 'outbound', number: '13900000072' })).rejects.toMatchObject({ code: 'internal' });
      expect(await snapshot(), `${method} kept a change without its audit row`).toEqual(before);
      await run(ALLOW[kind]);
      await call(amy, method, input);
    }
    const actions = await store.knex('audit_log').where('action', 'like', 'call.%').orderBy('id').pluck('action');
    expect(actions).toEqual(['call.start', 'call.link', 'call.answered', 'call.consent.give', 'call.end', 'call.outcome']);
    expect(await store.knex('calls').where({ id: callId }).first('patient_id', 'outcome', 'consent')).toEqual({
      patient_id: patientId,
      outcome: 'connected',
      consent: 1,
    });
  });

  it("keeps no head's plan change or patient's SMS opt-out without its audit row", async () => {
    const [head] = await makeUsers(store.knex, 1, 'head', 'head');
    const [patientId] = await store.knex('patients').orderBy('id').pluck('id');
    const counts = async () => ({
      plans: Number((await store.knex('plan_versions').count({ n: '*' }))[0].n),
      optOuts: Number((await store.knex('sms_opt_outs').count({ n: '*' }))[0].n),
    });
    const steps: [User, string, unknown][] = [
      [head, 'plans.save', { definition: planDef({ code: 'audit-second', name: '第二方案' }) }],
      [amy, 'messages.optOut', { patientId: Number(patientId) }],
    ];
    await run(REFUSE[kind]);
    const before = await counts();
    for (const [who, method, input] of steps) await expect(call(who, method, input), method).rejects.toMatchObject({ code: 'internal' });
    expect(await counts()).toEqual(before);
    await run(ALLOW[kind]);
    for (const [who, method, input] of steps) await call(who, method, input);
    const after = await counts();
    expect(after.plans).toBe(before.plans + 1);
    expect(after.optOuts).toBeGreaterThan(before.optOuts);
  });
});
