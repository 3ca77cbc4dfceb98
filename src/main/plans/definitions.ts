import type { Knex } from 'knex';
import { expandTrack, type ExpandedPoint } from '../../shared/plans/schedule';
import { planDefinitionSchema, type PlanDefinition, type Track } from '../../shared/plans/schema';

export interface CompiledTrack {
  track: Track;
  points: ExpandedPoint[];
}

export interface CompiledPlan {
  planId: number;
  planVersionId: number;
  version: number;
  name: string;
  definition: PlanDefinition;
  tracks: Map<string, CompiledTrack>;
}

/** A stored definition is parsed again (defaults filled) so old versions read like new ones. */
export const parseStoredDefinition = (json: string): PlanDefinition => planDefinitionSchema.parse(JSON.parse(json));

export function compilePlan(row: { id: number; plan_id: number; version: number; definition: string }): CompiledPlan {
  const definition = parseStoredDefinition(row.definition);
  return {
    planId: Number(row.plan_id),
    planVersionId: Number(row.id),
    version: Number(row.version),
    name: definition.name,
    definition,
    tracks: new Map(definition.tracks.map((t) => [t.id, { track: t, points: expandTrack(t) }])),
  };
}

// Active and retired versions never change, so a compiled version can be kept for the life of
// the process; drafts are never enrolled, so they never reach this cache.
const caches = new WeakMap<Knex, Map<number, CompiledPlan>>();

export async function compiledVersions(knex: Knex, ids: number[]): Promise<Map<number, CompiledPlan>> {
  let cache = caches.get(knex);
  if (!cache) caches.set(knex, (cache = new Map()));
  const out = new Map<number, CompiledPlan>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await knex('plan_versions')
      .whereIn('id', missing.slice(i, i + 500))
      .whereNot('status', 'draft');
    for (const r of rows) {
      const c = compilePlan(r);
      cache.set(c.planVersionId, c);
      out.set(c.planVersionId, c);
    }
  }
  return out;
}

export async function activeVersions(knex: Knex): Promise<CompiledPlan[]> {
  const ids = (await knex('plans').where({ retired: 0 }).whereNotNull('active_version_id').pluck('active_version_id')).map(Number);
  return [...(await compiledVersions(knex, ids)).values()];
}
