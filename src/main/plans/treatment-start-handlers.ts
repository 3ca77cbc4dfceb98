import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { assertPatientVisible } from '../auth/access';
import { questionnairesOf } from '../questionnaires/store-library';
import { beijingTimestamp } from '../util/clock';
import { compiledVersions } from './definitions';
import { generateTasks } from './generate';
import { applyTreatmentStart, treatmentStartInfo, usesTreatmentStart, type EnrolmentRow } from './treatment-start';
import { hisTreatmentStarts } from './treatment-start-his';

/** The team's date for an enrolment's treatment start; clearing it falls back to the HIS event the plan names. */
export const treatmentStartHandlers = ({ store, clock }: Services): Pick<Handlers, 'enrolments.setTreatmentStart'> => ({
  'enrolments.setTreatmentStart': async ({ enrolmentId, date }, ctx) => {
    const { knex } = store;
    const en = (await knex('enrolments').where({ id: enrolmentId }).first()) as (EnrolmentRow & { plan_version_id: number }) | undefined;
    if (!en) throw new ApiError('not_found', `入组记录不存在 (enrolment ${enrolmentId} not found)`);
    const patientId = Number(en.patient_id);
    await assertPatientVisible(knex, ctx.user, patientId);
    const plan = (await compiledVersions(knex, [Number(en.plan_version_id)])).get(Number(en.plan_version_id));
    if (!plan) throw new ApiError('internal', `plan version ${en.plan_version_id} missing`);
    if (!usesTreatmentStart(plan))
      throw new ApiError('conflict', '该方案没有以治疗开始日起算的随访轨道 (no track of this plan counts from the treatment start)');
    const at = beijingTimestamp(clock.now());
    // Cleared: the HIS event the plan names, if the HIS has one.
    const his =
      date === null && plan.definition.treatmentStart
        ? (await hisTreatmentStarts(knex, plan.definition.treatmentStart, { enrolmentId })).get(enrolmentId)
        : undefined;
    const change = date
      ? { date, source: 'manual' as const, encounterId: null, setBy: ctx.user.id, at }
      : { date: his?.date ?? null, source: his ? ('his' as const) : null, encounterId: his?.encounterId ?? null, setBy: null, at };
    const moved = await knex.transaction(async (trx) => {
      const n = await applyTreatmentStart(trx, { ...en, id: Number(en.id) }, plan, change);
      ctx.audit.patientId = patientId;
      ctx.audit.detail = { moved: n, before: en.treatment_start_date, source: change.source };
      await ctx.auditWithin(trx);
      return n;
    });
    // Points the new date brings within reach are created now, not at the next sync.
    const created = en.status === 'active' ? (await generateTasks(store, clock, await questionnairesOf(knex, clock))).tasksCreated : 0;
    return { enrolmentId, patientId, moved, created, treatmentStart: (await treatmentStartInfo(knex, enrolmentId, plan))! };
  },
});
