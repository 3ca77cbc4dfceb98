import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { patientTimeline } from '../../src/main/patients/timeline';
import { libraryOf } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { completeFollowup } from '../../src/main/tasks/complete';
import { queue } from '../../src/main/tasks/queue';
import { openFollowup } from '../../src/main/tasks/view';
import { completeInput, queueInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import { parseQuestionnaire } from '../../src/shared/questionnaire/parse';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { livePlan, makeEncounter, makePatient, makeUsers, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// Issue 13, the nurse's side: searching the queue, her own closed follow-ups (today / this week,
// never another nurse's), and what a closed follow-up leaves on the timeline and in the history.

const def = parseQuestionnaire({
  id: 'bp',
  version: 1,
  title: '血压随访',
  titleEn: 'Blood pressure',
  items: [
    {
      id: 'mood',
      type: 'single',
      text: '情绪',
      textEn: 'Mood',
      required: true,
      options: ['0', '1', '2', '3'].map((v) => ({ value: v, label: `档${v}`, labelEn: `level ${v}`, score: Number(v) })),
    },
    { id: 'sbp', type: 'integer', text: '收缩压', textEn: 'Systolic', unit: 'mmHg', required: true, min: 60, max: 260 },
  ],
  scores: [{ id: 'mood_total', label: '情绪分', labelEn: 'Mood score', sum: ['mood'] }],
});
if (!def.ok) throw new Error(def.errors.join('\n'));
const lib = libraryOf([def.def]);

describe.each(STORE_KINDS)('queue search, my completed follow-ups and past results on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let call: TestDispatch;
  let amy: User;
  let bob: User;
  let head: User;
  let zhang: number;
  let li: number;
  let encounterNo: string;
  // 2026-07-01 is a Wednesday: "this week" runs from Monday 2026-06-29.
  const clock = fixedClock('2026-07-01 11:00:00');
  const at = { today: '2026-07-01', now: '2026-07-01 11:00:00' };
  const search = (u: User, s: string) => queue(store.knex, queueInput.parse({ due: 'any', pageSize: 200, search: s }), u, at);
  const tasksOf = async (patientId: number) =>
    (await store.knex('tasks').where({ patient_id: patientId, kind: 'followup' }).orderBy('due_date')).map((r) => Number(r.id));
  /** Claims and completes a task as `u` at a Beijing timestamp. */
  async function close(u: User, taskId: number, now: string, mood: string, sbp: number) {
    await claimTask(store, taskId, u, { today: now.slice(0, 10), now });
    await completeFollowup(store, lib, u, completeInput.parse({ taskId, disposition: 'completed', answers: { mood, sbp } }), now);
  }

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    call = ipcDispatch(store, clock, tempDir('followup-history'));
    [amy, bob] = await makeUsers(store.knex, 2);
    [head] = await makeUsers(store.knex, 1, 'head', 'head');
    const points = [5, 9, 11, 20].map((days) => ({ at: { days }, label: `第${days}天` }));
    await livePlan(store.knex, clock, planDef({ tracks: [{ id: 'bp', name: '血压', anchor: 'discharge', questionnaire: { id: 'bp' }, points }] }));
    zhang = await makePatient(store.knex, { name: '张三', phones: ['13812345678'] });
    await store.knex('patients').where({ id: zhang }).update({ name_initials: 'zs', name_pinyin: 'zhangsan', id_number: '11010119600501001X' });
    const feng = await makePatient(store.knex, { name: '张三丰', phones: ['13900000001'] });
    await store.knex('patients').where({ id: feng }).update({ name_initials: 'zsf', name_pinyin: 'zhangsanfeng' });
    li = await makePatient(store.knex, { name: '李四', phones: ['13900000002'] });
    await store.knex('patients').where({ id: li }).update({ name_initials: 'ls', name_pinyin: 'lisi' });
    for (const p of [zhang, feng, li]) await makeEncounter(store.knex, { patientId: p, kind: 'inpatient', date: '2026-06-20' });
    encounterNo = (await store.knex('encounters').where({ patient_id: li }).first('encounter_no')).encounter_no;
    await runFollowupCycle(store, clock, lib);

    // 张三 (discharged Jun 20): day 5 closed last Friday, day 9 on Tuesday, day 11 this morning (all by amy); day 20 open.
    const [d5, d9, d11] = await tasksOf(zhang);
    await close(amy, d5, '2026-06-26 10:00:00', '1', 150);
    await close(amy, d9, '2026-06-30 10:00:00', '2', 140);
    await close(amy, d11, '2026-07-01 08:30:00', '3', 132);
    // 李四: bob closes one this morning.
    await close(bob, (await tasksOf(li))[0], '2026-07-01 09:00:00', '0', 120);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('finds queue tasks by name prefix, pinyin initials, phone, ID number and encounter number', async () => {
    const names = async (s: string) => new Set((await search(amy, s)).rows.map((r) => r.patientName));
    expect(await names('张三')).toEqual(new Set(['张三', '张三丰']));
    expect(await names('zs')).toEqual(new Set(['张三', '张三丰']));
    expect(await names('ZSF')).toEqual(new Set(['张三丰']));
    expect(await names('13812345678')).toEqual(new Set(['张三']));
    expect(await names('11010119600501001x')).toEqual(new Set(['张三']));
    expect(await names(encounterNo)).toEqual(new Set(['李四']));
    // Nothing matches: no rows, but the queue's counts stay (the tabs do not jump).
    const none = await search(amy, '王五');
    expect(none.total).toBe(0);
    expect(none.rows).toEqual([]);
    expect(none.counts).toEqual((await queue(store.knex, queueInput.parse({ due: 'any' }), amy, at)).counts);
    // The total follows the search, not the count of the unfiltered team view.
    const team = await queue(store.knex, queueInput.parse({ search: 'ls' }), amy, at);
    expect(team.total).toBe(team.rows.length);
    expect(team.rows.every((r) => r.patientName === '李四')).toBe(true);
  });

  it('takes the search through the contract and refuses an over-long one', async () => {
    const r = await call(amy, 'tasks.queue', { due: 'any', search: ' zs ' });
    expect(r.total).toBeGreaterThan(0);
    await expect(call(amy, 'tasks.queue', { search: 'x'.repeat(65) })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it("lists a nurse's own closed follow-ups for today and this week, newest first", async () => {
    const today = await call(amy, 'tasks.myCompleted', { period: 'today' });
    expect(today).toMatchObject({ from: '2026-07-01', to: '2026-07-01', total: 1, counts: { today: 1, week: 2 } });
    expect(today.rows[0]).toMatchObject({ patientName: '张三', pointLabel: '第11天', status: 'done', disposition: 'completed', trackName: '血压' });
    expect(today.rows[0].measures.find((m: { id: string }) => m.id === 'mood_total').value).toBe(3);
    const week = await call(amy, 'tasks.myCompleted', { period: 'week' });
    expect(week.from).toBe('2026-06-29');
    expect(week.rows.map((r: { completedAt: string }) => r.completedAt)).toEqual(['2026-07-01 08:30:00', '2026-06-30 10:00:00']);
    // Bob sees his own only; the head, who closed none, sees none of theirs.
    const bobs = await call(bob, 'tasks.myCompleted', { period: 'week' });
    expect(bobs.rows.map((r: { patientName: string }) => r.patientName)).toEqual(['李四']);
    expect((await call(head, 'tasks.myCompleted', { period: 'week' })).total).toBe(0);
    const audit = await store.knex('audit_log').where({ action: 'tasks.myCompleted', user_id: amy.id });
    expect(audit.length).toBe(2);
  });

  it("puts closed follow-ups on the patient's timeline with answers and numbers", async () => {
    const tl = await patientTimeline(store.knex, zhang, 'nurse', '2026-07-01', lib);
    expect(tl.followups.map((f) => f.at)).toEqual(['2026-07-01 08:30:00', '2026-06-30 10:00:00', '2026-06-26 10:00:00']);
    expect(tl.followups[0]).toMatchObject({ planName: '出院随访', trackName: '血压', pointLabel: '第11天', nurseName: amy.displayName, status: 'done' });
    expect(tl.followups[0].answers).toEqual([
      { id: 'mood', text: '情绪', textEn: 'Mood', value: '档3', valueEn: 'level 3' },
      { id: 'sbp', text: '收缩压', textEn: 'Systolic', value: '132 mmHg', valueEn: '132 mmHg' },
    ]);
    expect(tl.followups[0].measures.map((m) => [m.kind, m.id, m.value, m.unit])).toEqual([
      ['score', 'mood_total', 3, null],
      ['answer', 'sbp', 132, 'mmHg'],
    ]);
    expect((await patientTimeline(store.knex, li, 'nurse', '2026-07-01', lib)).followups).toHaveLength(1);
  });

  it('gives the next follow-up each earlier one with its answers and the numbers to trend', async () => {
    const d20 = (await tasksOf(zhang))[3];
    const view = await openFollowup(store, lib, amy, d20, { today: '2026-07-01', now: '2026-07-01 09:00:00' });
    const sbp = view.history.map((h) => h.measures.find((m) => m.id === 'sbp')?.value);
    expect(sbp).toEqual([132, 140, 150]); // newest first
    expect(view.history[1].answers.map((a) => a.value)).toEqual(['档2', '140 mmHg']);
  });
});
