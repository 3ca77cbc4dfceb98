import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { loadPlanTemplates } from '../../src/main/plans/templates';
import { patientTimeline } from '../../src/main/patients/timeline';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { completeFollowup } from '../../src/main/tasks/complete';
import { completeInput } from '../../src/shared/contract/followup';
import type { User } from '../../src/shared/model';
import type { Answers } from '../../src/shared/questionnaire';
import { livePlan, makeEncounter, makePatient, makeUsers } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// Issue 13, the checkup centre: a risk questionnaire answered after the checkup and the checkup's
// findings place each client in a tier by the shipped assessment plan's rules; each tier's plan
// enrols its clients, and nobody else.

const lib = shippedLibrary();
const plans = new Map(loadPlanTemplates().map((t) => [t.definition.code, t.definition]));
const base = { passive: 'no', family: 'none', infection: ['none'], exposure: ['none'], history: ['none'] };
// Shipped weights: age 50–74 = 2, ≥ 20 pack-years = 4, < 20 = 2, passive = 1, one relative = 2, H. pylori = 1.
const NINE: Answers = { ...base, age: '50_74', smoking: 'ge20', passive: 'yes', family: 'one' };
const FIVE: Answers = { ...base, age: '50_74', smoking: 'lt20', infection: ['hp'] };
const ONE: Answers = { ...base, age: '40_49', smoking: 'never' };

describe.each(STORE_KINDS)('checkup risk tiers on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let nurse: User;
  const clock = fixedClock('2026-07-01 09:00:00');
  const clients = new Map<string, number>();

  async function answer(patientId: number, answers: Answers, now: string) {
    const task = await store
      .knex('tasks as t')
      .join('plans as p', 'p.id', 't.plan_id')
      .where({ 't.patient_id': patientId, 'p.code': 'checkup-risk-assessment' })
      .first('t.id');
    await claimTask(store, Number(task.id), nurse, { today: now.slice(0, 10), now });
    await completeFollowup(store, lib, nurse, completeInput.parse({ taskId: Number(task.id), disposition: 'completed', answers }), now);
  }
  const tierOf = async (patientId: number) => (await store.knex('risk_assessments').where({ patient_id: patientId }).first())?.tier ?? null;
  const plansOf = async (patientId: number) =>
    (await store
      .knex('enrolments as e')
      .join('plans as p', 'p.id', 'e.plan_id')
      .where('e.patient_id', patientId)
      .orderBy('p.code')
      .pluck('p.code')) as string[];

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    [nurse] = await makeUsers(store.knex, 1);
    for (const code of ['checkup-risk-assessment', 'checkup-risk-high', 'checkup-risk-medium']) await livePlan(store.knex, clock, plans.get(code)!);
    const people: [string, string, number][] = [
      ['高分', '1966-03-01', 0],
      ['中分异常', '1966-03-01', 2],
      ['中分', '1966-03-01', 0],
      ['低分异常', '1980-03-01', 1],
      ['低分', '1980-03-01', 0],
      ['年轻', '1995-03-01', 3],
    ];
    for (const [name, birthDate, abnormal] of people) {
      const id = await makePatient(store.knex, { name, birthDate, phones: ['13800000000'] });
      const enc = await makeEncounter(store.knex, { patientId: id, kind: 'checkup', date: '2026-06-30' });
      await store.knex('encounters').where({ id: enc }).update({ abnormal_count: abnormal });
      clients.set(name, id);
    }
    await runFollowupCycle(store, clock, lib);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('asks clients of 40 and over the risk questionnaire; nobody has a tier before answering', async () => {
    for (const [name, id] of clients) expect(await plansOf(id), name).toEqual(name === '年轻' ? [] : ['checkup-risk-assessment']);
    expect(Number((await store.knex('risk_assessments').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('decides the tier the moment the questionnaire is completed, from answers and findings', async () => {
    await answer(clients.get('高分')!, NINE, '2026-07-01 09:10:00');
    await answer(clients.get('中分异常')!, FIVE, '2026-07-01 09:20:00');
    await answer(clients.get('中分')!, FIVE, '2026-07-01 09:30:00');
    await answer(clients.get('低分异常')!, ONE, '2026-07-01 09:40:00');
    await answer(clients.get('低分')!, ONE, '2026-07-01 09:50:00');
    expect(await tierOf(clients.get('高分')!)).toBe('high');
    expect(await tierOf(clients.get('中分异常')!)).toBe('high');
    expect(await tierOf(clients.get('中分')!)).toBe('medium');
    expect(await tierOf(clients.get('低分异常')!)).toBe('medium');
    expect(await tierOf(clients.get('低分')!)).toBe('low');
    const why = JSON.parse(
      (
        await store
          .knex('risk_assessments')
          .where({ patient_id: clients.get('中分异常')! })
          .first()
      ).reasons,
    );
    expect(why).toEqual(['肿瘤风险总分 5（≥ 4） (Cancer risk total 5, ≥ 4)', '体检异常 2 项 (2 abnormal finding(s))']);
  });

  it("enrols each client in the tier's plan at the next cycle, once, and shows the tier on the timeline", async () => {
    clock.set('2026-07-01 12:00:00');
    await runFollowupCycle(store, clock, lib);
    await runFollowupCycle(store, clock, lib);
    expect(await plansOf(clients.get('高分')!)).toEqual(['checkup-risk-assessment', 'checkup-risk-high']);
    expect(await plansOf(clients.get('中分异常')!)).toEqual(['checkup-risk-assessment', 'checkup-risk-high']);
    expect(await plansOf(clients.get('中分')!)).toEqual(['checkup-risk-assessment', 'checkup-risk-medium']);
    expect(await plansOf(clients.get('低分异常')!)).toEqual(['checkup-risk-assessment', 'checkup-risk-medium']);
    expect(await plansOf(clients.get('低分')!)).toEqual(['checkup-risk-assessment']);
    const tl = await patientTimeline(store.knex, clients.get('中分')!, 'nurse', '2026-07-01', lib);
    expect(tl.events[0].riskTiers).toEqual([expect.objectContaining({ label: '中危', labelEn: 'Intermediate risk' })]);
  });

  it('moves a client when a later finding changes the tier: one assessment row, the former tier plan stopped', async () => {
    const id = clients.get('中分')!;
    await store.knex('encounters').where({ patient_id: id }).update({ abnormal_count: 1 });
    await runFollowupCycle(store, clock, lib);
    expect(await tierOf(id)).toBe('high');
    expect(Number((await store.knex('risk_assessments').where({ patient_id: id }).count({ n: '*' }).first())!.n)).toBe(1);
    expect(await plansOf(id)).toEqual(['checkup-risk-assessment', 'checkup-risk-high', 'checkup-risk-medium']);
    const medium = await store
      .knex('enrolments as e')
      .join('plans as p', 'p.id', 'e.plan_id')
      .where({ 'e.patient_id': id, 'p.code': 'checkup-risk-medium' })
      .first('e.status', 'e.stop_reason');
    expect(medium).toEqual({ status: 'stopped', stop_reason: 'retiered' });
  });
});
