import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../src/shared/contract';
import { completeInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimNext, claimTask } from '../../src/main/tasks/claim';
import { completeFollowup } from '../../src/main/tasks/complete';
import { logAttempt, saveDraft } from '../../src/main/tasks/drafts';
import { openFollowup } from '../../src/main/tasks/view';
import { fixedClock } from '../helpers/his';
import { ipcDispatch } from '../helpers/dispatch';
import { livePlan, makeDept, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { beijingTimestamp } from '../../src/shared/beijing-time';

const lib = moodQuestionnaire();

describe.each(STORE_KINDS)('working follow-ups on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  let bob: User;
  const clock = fixedClock('2026-07-01 09:00:00');
  const at = () => ({ today: ts().slice(0, 10), now: ts() });
  const ts = () => beijingTimestamp(clock.now());
  const complete = (u: User, input: unknown) => completeFollowup(store, lib, u, completeInput.parse(input), ts());
  const task = async (id: number) => store.knex('tasks').where({ id }).first();

  /** A patient discharged 5 days ago with one day-7 task, claimed by amy. */
  async function claimedTaskFor(name: string, phones = ['13900000001', '13900000002'], deptId?: number): Promise<{ taskId: number; patientId: number }> {
    const patientId = await makePatient(store.knex, { name, phones });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-26', deptId });
    await runFollowupCycle(store, clock, lib);
    const { id } = await store.knex('tasks').where({ patient_id: patientId, kind: 'followup' }).orderBy('point_index').first('id');
    await claimTask(store, Number(id), amy, at());
    return { taskId: Number(id), patientId };
  }

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    [amy, bob] = await makeUsers(store.knex, 2);
    await livePlan(
      store.knex,
      clock,
      planDef({
        enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 30 },
        education: [{ code: 'diet', title: '低盐饮食', content: '每日食盐<5克' }],
        tracks: [
          {
            id: 'post',
            name: '出院后',
            anchor: 'discharge',
            questionnaire: { id: 'mood' },
            education: ['diet'],
            points: [{ at: { days: 7 } }, { at: { days: 30 } }],
          },
        ],
      }),
    );
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('saves drafts last-write-wins, turns the task red on a trigger, and requires an escalation note', async () => {
    clock.set('2026-07-01 09:00:00');
    const { taskId, patientId } = await claimedTaskFor('张红');
    await expect(saveDraft(store, lib, bob, { taskId, answers: { q1: '1' }, seq: 1 }, ts())).rejects.toMatchObject({ code: 'conflict' });
    const s1 = await saveDraft(store, lib, amy, { taskId, answers: { q1: '1' }, seq: 100 }, ts());
    expect(s1).toMatchObject({ applied: true, taskColour: 'green' });
    expect(s1.response).toMatchObject({ draft: true, version: 1, seq: 100, answers: { q1: '1' } });
    // A retry and a late, older save change nothing.
    expect((await saveDraft(store, lib, amy, { taskId, answers: { q1: '1' }, seq: 100 }, ts())).applied).toBe(false);
    expect((await saveDraft(store, lib, amy, { taskId, answers: { q1: '0' }, seq: 50 }, ts())).response.answers).toEqual({ q1: '1' });
    const red = await saveDraft(store, lib, amy, { taskId, answers: { q1: '1', q9: '2' }, seq: 200 }, ts());
    expect(red).toMatchObject({ applied: true, taskColour: 'red', response: { version: 2, warningColour: 'red' } });
    expect(await task(taskId)).toMatchObject({ colour: 'red', priority: 0 });

    const view = await openFollowup(store, lib, amy, taskId, at());
    expect(view.editable).toBe(true);
    expect(view.response?.answers).toEqual({ q1: '1', q9: '2' });
    expect(view.questionnaire?.id).toBe('mood');
    expect(view.script.opening).toContain('张红');
    expect(view.education).toEqual([{ code: 'diet', title: '低盐饮食', titleEn: null, content: '每日食盐<5克', contentEn: null, given: false }]);
    expect(view.phones.find((p) => p.suggested)?.number).toBe('13900000001');

    await expect(complete(amy, { taskId, disposition: 'completed' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('上报说明'),
    });
    const done = await complete(amy, {
      taskId,
      disposition: 'completed',
      escalationNote: '已通知心理科医生',
      educationGiven: ['diet'],
      appointment: { date: '2026-07-08', note: '复诊' },
      note: '患者情绪低落',
    });
    expect(done.status).toBe('done');
    expect(done.escalationTaskId).toBeGreaterThan(0);
    expect(await task(done.escalationTaskId!)).toMatchObject({ kind: 'escalation', status: 'pending', colour: 'red', priority: 0 });
    expect(await store.knex('escalations').where({ task_id: taskId }).first()).toMatchObject({ note: '已通知心理科医生', status: 'open' });
    expect(await store.knex('responses').where({ task_id: taskId }).first()).toMatchObject({ draft: 0 });
    expect(await store.knex('education_given').where({ task_id: taskId }).pluck('item_code')).toEqual(['diet']);
    expect(await store.knex('appointments').where({ patient_id: patientId }).first()).toMatchObject({ date: '2026-07-08', status: 'booked' });
    expect(await store.knex('patients').where({ id: patientId }).first()).toMatchObject({ vital_status: 'alive', last_contact_date: '2026-07-01' });
    await expect(complete(amy, { taskId, disposition: 'completed', escalationNote: 'x' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('retries no-answers on the next number, marks wrong numbers, then goes unreachable', async () => {
    clock.set('2026-07-01 10:00:00');
    const { taskId } = await claimedTaskFor('李四');
    await expect(complete(amy, { taskId, disposition: 'no_contact' })).rejects.toMatchObject({ code: 'invalid_input' });
    const a1 = await logAttempt(store, amy, { taskId, phoneNumber: '13900000001', outcome: 'no_answer' }, ts());
    expect(a1.phones.find((p) => p.suggested)?.number).toBe('13900000002');
    const a2 = await logAttempt(store, amy, { taskId, phoneNumber: '13900000002', outcome: 'wrong_number' }, ts());
    expect(a2.phones.find((p) => p.number === '13900000002')).toMatchObject({ wrongNumber: true, suggested: false });
    const r1 = await complete(amy, { taskId, disposition: 'no_contact' });
    expect(r1).toMatchObject({ status: 'pending', nextTryAt: '2026-07-02 10:00:00' });
    expect(await task(taskId)).toMatchObject({ retry_count: 1, assignee_id: null });
    // Not workable before the next try.
    expect((await claimNext(store, {}, bob, at()))?.id).not.toBe(taskId);
    for (const day of ['2026-07-02 10:30:00', '2026-07-03 11:00:00']) {
      clock.set(day);
      await store.knex('tasks').whereNot('id', taskId).where({ status: 'pending' }).update({ status: 'cancelled' });
      expect((await claimNext(store, {}, bob, at()))?.id).toBe(taskId);
      await logAttempt(store, bob, { taskId, phoneNumber: '13900000001', outcome: 'busy' }, ts());
      await complete(bob, { taskId, disposition: 'no_contact' });
    }
    expect(await task(taskId)).toMatchObject({ status: 'unreachable', retry_count: 3 });
  });

  it('keeps a callback for its nurse, then releases it to the team', async () => {
    clock.set('2026-07-01 11:00:00');
    const { taskId } = await claimedTaskFor('王五');
    await logAttempt(store, amy, { taskId, phoneNumber: '13900000001', outcome: 'connected' }, ts());
    const r = await complete(amy, { taskId, disposition: 'callback', callbackAt: '2026-07-01 15:00' });
    expect(r).toMatchObject({ status: 'pending', nextTryAt: '2026-07-01 15:00:00' });
    expect(await task(taskId)).toMatchObject({ reserved_for: amy.id, visible_to_team_at: '2026-07-01 16:00:00' });
    await store.knex('tasks').whereNot('id', taskId).where({ status: 'pending' }).update({ status: 'cancelled' });
    clock.set('2026-07-01 15:10:00');
    expect(await claimNext(store, {}, bob, at())).toBeNull();
    await expect(claimTask(store, taskId, bob, at())).rejects.toMatchObject({ code: 'conflict' });
    clock.set('2026-07-01 16:05:00');
    expect((await claimNext(store, {}, bob, at()))?.id).toBe(taskId);
  });

  it('refusal stops the plan; death stops every plan and fills the registry', async () => {
    clock.set('2026-07-01 12:00:00');
    const refused = await claimedTaskFor('赵六');
    const r = await complete(amy, { taskId: refused.taskId, disposition: 'refused', reason: '不愿随访' });
    expect(r.stoppedEnrolments).toBe(1);
    expect(await store.knex('enrolments').where({ patient_id: refused.patientId }).first()).toMatchObject({ status: 'stopped', stop_reason: 'refused' });

    await livePlan(
      store.knex,
      clock,
      planDef({ code: 'other', name: '其他方案', enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 30 } }),
    );
    const dead = await claimedTaskFor('钱七');
    expect(await store.knex('enrolments').where({ patient_id: dead.patientId, status: 'active' }).count({ n: '*' })).toEqual([{ n: kind === 'pg' ? '2' : 2 }]);
    const d = await complete(amy, { taskId: dead.taskId, disposition: 'deceased', deathDate: '2026-06-29', deathCause: '心衰' });
    expect(d.stoppedEnrolments).toBe(2);
    expect(await store.knex('patients').where({ id: dead.patientId }).first()).toMatchObject({
      deceased: 1,
      vital_status: 'deceased',
      death_date: '2026-06-29',
      death_cause: '心衰',
    });
    expect(await store.knex('tasks').where({ patient_id: dead.patientId, status: 'pending' })).toEqual([]);
  });

  it("shows a head only her departments' tasks, with every number masked", async () => {
    clock.set('2026-07-01 13:00:00');
    const dept = await makeDept(store.knex, '神经内科');
    const { taskId } = await claimedTaskFor('孙八', ['13900000007'], dept);
    const other = await claimedTaskFor('周九', ['13900000008']);
    await logAttempt(store, amy, { taskId, phoneNumber: '13900000007', outcome: 'no_answer' }, ts());
    const [head, outsider] = await makeUsers(store.knex, 2, 'head', 'head');
    const [admin] = await makeUsers(store.knex, 1, 'admin', 'admin');
    await store.knex('user_departments').insert({ user_id: head.id, dept_id: dept });

    const view = await openFollowup(store, lib, head, taskId, at());
    expect(view.attempts[0].phoneNumber).toBe('139****0007');
    expect(view.phones[0].number).toBe('139****0007');
    expect(JSON.stringify(view)).not.toContain('13900000007');
    expect((await openFollowup(store, lib, amy, taskId, at())).attempts[0].phoneNumber).toBe('13900000007');
    await expect(openFollowup(store, lib, outsider, taskId, at())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openFollowup(store, lib, head, other.taskId, at())).rejects.toMatchObject({ code: 'forbidden' });

    const dispatch = ipcDispatch(store, clock, tempDir('followup-work'));
    const listed = async (u: User) => (await dispatch(u, 'tasks.queue', { scope: 'all', due: 'any', pageSize: 200 })).rows;
    const mine = await listed(head);
    expect(mine.map((r: { id: number }) => r.id)).toContain(taskId);
    expect(mine.every((r: { deptId: number }) => r.deptId === dept)).toBe(true);
    expect(await listed(outsider)).toEqual([]);
    await expect(dispatch(head, 'tasks.release', { taskId: other.taskId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch(head, 'patients.timeline', { patientId: other.patientId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(dispatch(head, 'messages.list', { patientId: other.patientId })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await dispatch(head, 'messages.list', { patientId: mine[0].patientId })).messages).toEqual([]);

    // The finder: her departments' encounters only, another department named is refused; audited.
    const found = await dispatch(head, 'patients.find', { kind: 'inpatient', pageSize: 200 });
    expect(found.rows.length).toBeGreaterThan(0);
    expect(found.rows.every((r: { deptName: string }) => r.deptName === '神经内科')).toBe(true);
    expect((await dispatch(amy, 'patients.find', { kind: 'inpatient', pageSize: 200 })).total).toBeGreaterThan(found.total);
    expect((await dispatch(outsider, 'patients.find', { kind: 'inpatient' })).total).toBe(0);
    await expect(dispatch(head, 'patients.find', { deptIds: [dept + 1000] })).rejects.toMatchObject({ code: 'forbidden' });
    // A plan's preview: the plan's counts, but a sample of her departments' patients only.
    const definition = planDef({ code: 'preview-scope', name: '预览', enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 3650 } });
    const wide = await dispatch(admin, 'plans.preview', { definition });
    const narrow = await dispatch(head, 'plans.preview', { definition });
    expect(wide.sample.map((r: { patientId: number }) => r.patientId)).toEqual(expect.arrayContaining([mine[0].patientId, other.patientId]));
    expect(narrow.encounters).toBe(wide.encounters);
    expect(narrow.sample.length).toBeGreaterThan(0);
    expect(narrow.sample.every((r: { deptName: string }) => r.deptName === '神经内科')).toBe(true);
    const audited = await store.knex('audit_log').where({ user_id: head.id }).pluck('action');
    expect(audited).toEqual(expect.arrayContaining(['patient.find', 'sms.list', 'tasks.queue', 'plans.preview']));
  });

  it('takes only phone numbers as dialled numbers and only allowed values as answers', async () => {
    clock.set('2026-07-01 14:00:00');
    const { taskId } = await claimedTaskFor('吴十');
    const logInput = methods['followup.logAttempt'].input;
    for (const bad of ['<svg onload=alert(1)>', '139abc00001', '12', '+', '1'.repeat(21)])
      expect(logInput.safeParse({ taskId, phoneNumber: bad, outcome: 'connected' }).success, bad).toBe(false);
    expect(logInput.parse({ taskId, phoneNumber: '+86 139-0000-0009', outcome: 'connected' }).phoneNumber).toBe('+8613900000009');
    expect(logInput.parse({ taskId, phoneNumber: '(010) 6234-5678', outcome: 'connected' }).phoneNumber).toBe('01062345678');
    const added = await logAttempt(store, amy, { taskId, phoneNumber: '+8613900000009', outcome: 'connected' }, ts());
    expect(added.phones.map((p) => p.number)).toContain('13900000009');

    for (const answers of [{ q1: '7' }, { q1: '<img src=x onerror=alert(1)>' }, { q1: 2 }, { nope: '1' }])
      await expect(saveDraft(store, lib, amy, { taskId, answers, seq: 1 }, ts()), JSON.stringify(answers)).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await saveDraft(store, lib, amy, { taskId, answers: { q1: '2', q9: null }, seq: 2 }, ts())).applied).toBe(true);
    await expect(complete(amy, { taskId, disposition: 'completed', answers: { q1: '2', q9: '0', extra: 'x' } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
