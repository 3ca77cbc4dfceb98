import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { previewPlan } from '../../src/main/plans/preview';
import { planDefinitionSchema } from '../../src/shared/plans/schema';
import { queueRowById } from '../../src/main/tasks/rows';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { livePlan, makeDept, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// An oncology plan: "every 21 days × 6 cycles from treatment start, then surveillance at
// 3/6/12 months", with the treatment start taken from the first chemotherapy stay (Z51.1) after
// the lung-cancer stay, overridden by a date the team enters, and cleared back to the HIS.
// The clock is pinned; every date below follows from it.

const lib = moodQuestionnaire();
const def = planDef({
  code: 'lung-chemo',
  name: '肺癌化疗随访',
  enrolment: { rules: [{ id: 'lung', label: '肺癌住院', encounterKind: 'inpatient', icd10: ['C34'] }], lookbackDays: 60 },
  generateAheadDays: 90,
  treatmentStart: { encounterKind: 'inpatient', icd10: ['Z51.1', 'Z51.0'] },
  tracks: [
    {
      id: 'toxicity',
      name: '化疗毒性',
      anchor: 'treatment_start',
      questionnaire: { id: 'mood' },
      window: { before: 1, after: 3 },
      satisfiedBy: 'none',
      cycles: [{ every: { days: 21 }, count: 6, label: '化疗毒性评估' }],
    },
    {
      id: 'surveillance',
      name: '复发监测',
      anchor: 'treatment_start',
      satisfiedBy: 'none',
      points: [{ at: { months: 3 } }, { at: { months: 6 } }, { at: { months: 12 } }],
    },
  ],
});

describe.each(STORE_KINDS)('treatment start and counted cycles on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let dispatch: TestDispatch;
  let head: User;
  let enrolmentId: number;
  let patientId: number;
  const clock = fixedClock('2026-03-01 09:00:00');
  const tasks = async () =>
    (
      await store
        .knex('tasks')
        .where({ enrolment_id: enrolmentId })
        .orderBy(['track_id', 'point_index'])
        .select('id', 'track_id', 'cycle_no', 'due_date', 'status')
    ).map((r: Record<string, unknown>) => ({
      id: Number(r.id),
      track_id: String(r.track_id),
      cycle_no: r.cycle_no == null ? null : Number(r.cycle_no),
      due_date: String(r.due_date),
      status: String(r.status),
    }));
  const due = async (track: string) => (await tasks()).filter((x) => x.track_id === track).map((x) => x.due_date);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    dispatch = ipcDispatch(store, clock, tempDir('treatment-start'));
    [head] = await makeUsers(store.knex, 1, 'head', 'onc');
    const deptId = await makeDept(store.knex, '肿瘤内科');
    // The head sees patients of her department only: this one was there.
    await store.knex('user_departments').insert({ user_id: head.id, dept_id: deptId });
    patientId = await makePatient(store.knex, { name: '王肺' });
    // A chemotherapy stay before the cancer stay is not this treatment.
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-01-08', admitDate: '2026-01-05', diag: 'Z51.1' });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-02-10', admitDate: '2026-02-01', diag: 'C34.1', deptId });
    await livePlan(store.knex, clock, def);
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('waits for the treatment start the plan names, then dates counted cycles from the chemotherapy stay', async () => {
    const first = await runFollowupCycle(store, clock, lib);
    expect(first.enrolled).toBe(1);
    const en = await store.knex('enrolments').first();
    enrolmentId = Number(en.id);
    expect(en.treatment_start_date).toBeNull();
    expect(await tasks()).toEqual([]);
    // Waiting is not finished: the enrolment stays active and is looked at again tomorrow.
    await runFollowupCycle(store, clock, lib);
    expect((await store.knex('enrolments').first()).status).toBe('active');

    const chemo = await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-02-22', admitDate: '2026-02-20', diag: 'Z51.1' });
    clock.set('2026-03-02 09:00:00');
    await runFollowupCycle(store, clock, lib);
    const after = await store.knex('enrolments').first();
    expect(after).toMatchObject({ treatment_start_date: '2026-02-20', treatment_start_source: 'his' });
    expect(Number(after.treatment_start_encounter_id)).toBe(chemo);
    // Cycles 1–4 are within 90 days of their window; 5 and 6 come later.
    const made = await tasks();
    expect(made.filter((x) => x.track_id === 'toxicity').map((x) => [x.cycle_no, x.due_date])).toEqual([
      [1, '2026-03-13'],
      [2, '2026-04-03'],
      [3, '2026-04-24'],
      [4, '2026-05-15'],
    ]);
    expect(made.filter((x) => x.track_id === 'surveillance').map((x) => [x.cycle_no, x.due_date])).toEqual([[null, '2026-05-20']]);
  });

  it('labels queue rows and the follow-up view with the cycle and where the treatment start came from', async () => {
    const third = (await tasks()).find((x) => x.cycle_no === 3)!;
    const row = (await queueRowById(store.knex, third.id, { id: 0, role: 'head' }, { today: '2026-03-02', now: '2026-03-02 09:00:00' }))!;
    expect(row).toMatchObject({ cycleNo: 3, pointLabel: '化疗毒性评估', dueDate: '2026-04-24' });
    const nurse = (await makeUsers(store.knex, 1, 'nurse', 'onc-nurse'))[0];
    const view = await dispatch(nurse, 'followup.open', { taskId: third.id });
    expect(view.enrolment.treatmentStart).toMatchObject({
      date: '2026-02-20',
      source: 'his',
      encounter: { date: '2026-02-20', diagCode: 'Z51.1' },
      rule: { encounterKind: 'inpatient', icd10: ['Z51.1', 'Z51.0'] },
    });
  });

  it('moves open tasks when the team enters a date, never done ones, and audits the change with the patient', async () => {
    const firstCycle = (await tasks()).find((x) => x.cycle_no === 1)!;
    await store.knex('tasks').where({ id: firstCycle.id }).update({ status: 'done' });
    const out = await dispatch(head, 'enrolments.setTreatmentStart', { enrolmentId, date: '2026-02-27' });
    expect(out).toMatchObject({ patientId, moved: 4, treatmentStart: { date: '2026-02-27', source: 'manual', setBy: head.displayName } });
    expect(await due('toxicity')).toEqual(['2026-03-13', '2026-04-10', '2026-05-01', '2026-05-22']);
    expect(await due('surveillance')).toEqual(['2026-05-27']);
    const audit = await store.knex('audit_log').where({ action: 'enrolment.treatmentStart' }).first();
    expect(Number(audit.patient_id)).toBe(patientId);
    expect(Number(audit.user_id)).toBe(head.id);
    expect(JSON.parse(audit.detail)).toMatchObject({ enrolmentId, date: '2026-02-27', moved: 4 });

    // The HIS never overrides the team; a rerun creates nothing twice.
    const before = (await tasks()).length;
    await runFollowupCycle(store, clock, lib);
    expect((await store.knex('enrolments').first()).treatment_start_date).toBe('2026-02-27');
    expect((await tasks()).length).toBe(before);
  });

  it('clearing the team date goes back to the HIS stay and moves the open tasks back', async () => {
    const out = await dispatch(head, 'enrolments.setTreatmentStart', { enrolmentId, date: null });
    expect(out.treatmentStart).toMatchObject({ date: '2026-02-20', source: 'his', setBy: null });
    expect(await due('toxicity')).toEqual(['2026-03-13', '2026-04-03', '2026-04-24', '2026-05-15']);
  });

  it('ends a counted cycle at its count, however long the plan runs', async () => {
    clock.set('2027-06-30 09:00:00');
    await runFollowupCycle(store, clock, lib);
    expect((await tasks()).filter((x) => x.track_id === 'toxicity').map((x) => [x.cycle_no, x.due_date])).toEqual([
      [1, '2026-03-13'],
      [2, '2026-04-03'],
      [3, '2026-04-24'],
      [4, '2026-05-15'],
      [5, '2026-06-05'],
      [6, '2026-06-26'],
    ]);
    expect(await due('surveillance')).toEqual(['2026-05-20', '2026-08-20', '2027-02-20']);
    clock.set('2026-03-02 09:00:00');
  });

  it('warns in the preview when no diagnosis code matches the treatment event', async () => {
    const ok = await previewPlan(store.knex, planDefinitionSchema.parse(def), lib, '2026-03-02');
    expect(ok.warnings.filter((w) => w.startsWith('治疗开始日'))).toEqual([]);
    const bad = planDefinitionSchema.parse({ ...def, treatmentStart: { icd10: ['Z99.9'] } });
    expect((await previewPlan(store.knex, bad, lib, '2026-03-02')).warnings).toContain(
      '治疗开始日：Z99.9 没有匹配的诊断编码 (no diagnosis code matches the treatment start event)',
    );
  });

  it("refuses a date on an enrolment whose plan has no treatment-start track, and a patient outside a head's departments", async () => {
    const other = await livePlan(store.knex, clock, planDef({ code: 'plain' }));
    const [row] = await store
      .knex('enrolments')
      .insert({
        plan_id: other.planId,
        plan_version_id: (await store.knex('plan_versions').where({ plan_id: other.planId }).first()).id,
        patient_id: patientId,
        anchor_date: '2026-02-10',
        status: 'active',
        matched_rule: 'x',
        enrolled_at: '2026-03-01 09:00:00',
        next_generate_on: '9999-12-31',
      })
      .returning('id');
    await expect(dispatch(head, 'enrolments.setTreatmentStart', { enrolmentId: Number(row.id ?? row), date: '2026-03-01' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const [other2] = await makeUsers(store.knex, 1, 'head', 'other-head');
    await expect(dispatch(other2, 'enrolments.setTreatmentStart', { enrolmentId, date: '2026-03-01' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
