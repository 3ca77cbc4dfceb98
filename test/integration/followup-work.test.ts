import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimNext, claimTask } from '../../src/main/tasks/claim';
import { completeFollowup } from '../../src/main/tasks/complete';
import { logAttempt, saveDraft } from '../../src/main/tasks/drafts';
import { openFollowup } from '../../src/main/tasks/view';
import { fixedClock } from '../helpers/his';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';
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
  async function claimedTaskFor(name: string, phones = ['13900000001', '13900000002']): Promise<{ taskId: number; patientId: number }> {
    const patientId = await makePatient(store.knex, { name, phones });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-26' });
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

    const view = await openFollowup(store, lib, amy, taskId, '2026-07-01');
    expect(view.editable).toBe(true);
    expect(view.response?.answers).toEqual({ q1: '1', q9: '2' });
    expect(view.questionnaire?.id).toBe('mood');
    expect(view.script.opening).toContain('张红');
    expect(view.education).toEqual([{ code: 'diet', title: '低盐饮食', content: '每日食盐<5克', given: false }]);
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
    expect(await claimNext(store, {}, bob, at())).not.toBe(taskId);
    for (const day of ['2026-07-02 10:30:00', '2026-07-03 11:00:00']) {
      clock.set(day);
      await store.knex('tasks').whereNot('id', taskId).where({ status: 'pending' }).update({ status: 'cancelled' });
      expect(await claimNext(store, {}, bob, at())).toBe(taskId);
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
    expect(await claimNext(store, {}, bob, at())).toBe(taskId);
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
});
