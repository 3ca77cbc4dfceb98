import type { Knex } from 'knex';

export interface PlanNames {
  nameEn: string | null;
  tracks: Map<string, { name: string; nameEn: string | null }>;
}

/**
 * Each plan's English name and its tracks' names, from the version its Chinese name (plans.name)
 * comes from: the active one, else the newest draft.
 */
export async function planNames(knex: Knex, planIds?: number[]): Promise<Map<number, PlanNames>> {
  let q = knex('plan_versions').whereIn('status', ['active', 'draft']).select('plan_id', 'status', 'version', 'definition');
  if (planIds) q = q.whereIn('plan_id', planIds);
  const rank = (r: { status: string; version: number }) => (r.status === 'active' ? 1e9 : 0) + Number(r.version);
  const best = new Map<number, { status: string; version: number; definition: string }>();
  for (const r of await q) {
    const held = best.get(Number(r.plan_id));
    if (!held || rank(r) > rank(held)) best.set(Number(r.plan_id), r);
  }
  const out = new Map<number, PlanNames>();
  for (const [planId, r] of best) {
    const def = JSON.parse(r.definition) as { nameEn?: string; tracks?: { id: string; name: string; nameEn?: string }[] };
    out.set(planId, { nameEn: def.nameEn ?? null, tracks: new Map((def.tracks ?? []).map((t) => [t.id, { name: t.name, nameEn: t.nameEn ?? null }])) });
  }
  return out;
}
