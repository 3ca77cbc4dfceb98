import type { Knex } from 'knex';
import type { PlanDetail, PlanSummary, PlanVersionInfo, PlanVersionStatus } from '../../shared/contract/plans';
import type { PlanDefinition } from '../../shared/plans/schema';
import { ApiError } from '../api/errors';
import { beijingTimestamp, type Clock } from '../util/clock';
import { parseStoredDefinition } from './definitions';
import { planNames } from './plan-names';

// Versions: a plan has at most one open draft (edited in place) and one active version.
// Active and retired versions are never rewritten; activating a version retires the former one.

export async function savePlan(knex: Knex, clock: Clock, by: string | null, def: PlanDefinition) {
  const now = beijingTimestamp(clock.now());
  const json = JSON.stringify(def);
  return knex.transaction(async (trx) => {
    const plan = await trx('plans').where({ code: def.code }).first();
    if (!plan) {
      const [{ id }] = await trx('plans').insert({ code: def.code, name: def.name, retired: 0, created_at: now, updated_at: now }).returning('id');
      await trx('plan_versions').insert({ plan_id: id, version: 1, status: 'draft', definition: json, created_by: by, created_at: now });
      return { planId: Number(id), version: 1, created: true };
    }
    const draft = await trx('plan_versions').where({ plan_id: plan.id, status: 'draft' }).orderBy('version', 'desc').first();
    await trx('plans')
      .where({ id: plan.id })
      .update({ updated_at: now, ...(plan.active_version_id ? {} : { name: def.name }) });
    if (draft) {
      await trx('plan_versions').where({ id: draft.id }).update({ definition: json, created_by: by, created_at: now });
      return { planId: Number(plan.id), version: Number(draft.version), created: false };
    }
    const [{ max }] = await trx('plan_versions').where({ plan_id: plan.id }).max({ max: 'version' });
    const version = Number(max ?? 0) + 1;
    await trx('plan_versions').insert({ plan_id: plan.id, version, status: 'draft', definition: json, created_by: by, created_at: now });
    return { planId: Number(plan.id), version, created: false };
  });
}

export async function activatePlan(knex: Knex, clock: Clock, planId: number, version: number) {
  const now = beijingTimestamp(clock.now());
  await knex.transaction(async (trx) => {
    const row = await trx('plan_versions').where({ plan_id: planId, version }).first();
    if (!row) throw new ApiError('not_found', `plan ${planId} has no version ${version}`);
    const def = parseStoredDefinition(row.definition);
    await trx('plan_versions').where({ plan_id: planId, status: 'active' }).whereNot({ id: row.id }).update({ status: 'retired', retired_at: now });
    await trx('plan_versions').where({ id: row.id }).update({ status: 'active', activated_at: now, retired_at: null });
    await trx('plans').where({ id: planId }).update({ active_version_id: row.id, name: def.name, retired: 0, updated_at: now });
    // The education catalogue follows the live definitions (reports name items by code).
    for (const e of def.education)
      await trx('education_items')
        .insert({ code: e.code, title: e.title, content: e.content, updated_at: now })
        .onConflict('code')
        .merge(['title', 'content', 'updated_at']);
  });
  return { planId, version };
}

export async function retirePlan(knex: Knex, clock: Clock, planId: number) {
  const now = beijingTimestamp(clock.now());
  const n = await knex('plans').where({ id: planId }).update({ retired: 1, active_version_id: null, updated_at: now });
  if (!n) throw new ApiError('not_found', `plan ${planId} not found`);
  await knex('plan_versions').where({ plan_id: planId, status: 'active' }).update({ status: 'retired', retired_at: now });
  return { planId };
}

const countBy = async (q: Knex.QueryBuilder, col: string): Promise<Map<number, number>> =>
  new Map((await q.select(`${col} as k`).count({ n: '*' }).groupBy(col)).map((r: { k: number; n: unknown }) => [Number(r.k), Number(r.n)]));

export async function listPlans(knex: Knex, includeRetired: boolean): Promise<PlanSummary[]> {
  let q = knex('plans').orderBy('name');
  if (!includeRetired) q = q.where({ retired: 0 });
  const plans = await q;
  const versions = await knex('plan_versions').whereIn('status', ['draft', 'active']).select('plan_id', 'version', 'status');
  const english = await planNames(knex);
  const enrolled = await countBy(knex('enrolments').where({ status: 'active' }), 'plan_id');
  const pending = await countBy(knex('tasks').whereIn('status', ['pending', 'claimed']), 'plan_id');
  return plans.map((p: Record<string, unknown>): PlanSummary => {
    const mine = versions.filter((v: { plan_id: number }) => Number(v.plan_id) === Number(p.id));
    const pick = (s: string): number | null =>
      mine
        .filter((v: { status: string }) => v.status === s)
        .map((v: { version: number }) => Number(v.version))
        .sort((a: number, b: number) => b - a)[0] ?? null;
    return {
      id: Number(p.id),
      code: p.code as string,
      name: p.name as string,
      nameEn: english.get(Number(p.id))?.nameEn ?? null,
      activeVersion: pick('active'),
      draftVersion: pick('draft'),
      retired: !!Number(p.retired),
      activeEnrolments: enrolled.get(Number(p.id)) ?? 0,
      pendingTasks: pending.get(Number(p.id)) ?? 0,
      updatedAt: p.updated_at as string,
    };
  });
}

export async function getPlan(knex: Knex, planId: number, version?: number): Promise<PlanDetail> {
  const summary = (await listPlans(knex, true)).find((p) => p.id === planId);
  if (!summary) throw new ApiError('not_found', `plan ${planId} not found`);
  const rows = await knex('plan_versions').where({ plan_id: planId }).orderBy('version', 'desc');
  const enrolments = await countBy(knex('enrolments').where({ plan_id: planId }), 'plan_version_id');
  const versions = rows.map((r: Record<string, unknown>): PlanVersionInfo => ({
    id: Number(r.id),
    version: Number(r.version),
    status: r.status as PlanVersionStatus,
    createdBy: (r.created_by as string) ?? null,
    createdAt: r.created_at as string,
    activatedAt: (r.activated_at as string) ?? null,
    enrolments: enrolments.get(Number(r.id)) ?? 0,
  }));
  const want = version ?? summary.draftVersion ?? summary.activeVersion ?? versions[0]?.version;
  const idx = rows.findIndex((r: { version: number }) => Number(r.version) === want);
  if (idx < 0) throw new ApiError('not_found', `plan ${planId} has no version ${version}`);
  return { plan: summary, versions, version: versions[idx], definition: parseStoredDefinition(rows[idx].definition) };
}
