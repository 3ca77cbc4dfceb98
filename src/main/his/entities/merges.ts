import { parseWallClock } from '../normalise/dates';
import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import type { EntityContext, EntityHandler } from './types';
import { emptyResult, keyOf, str } from './types';

// A merge is recorded as a link (obsolete → surviving) whether or not the store holds either
// record yet; links are then resolved to the final survivor of each chain (A→B, B→C: A and B
// both go to C), so neither the order merge rows arrive in nor a merge that comes before its
// records changes the outcome. Encounters of a merged-away record are re-pointed to the survivor
// in the same transaction, and later rows naming it resolve through patients.merged_into_patient_id.

/** obsolete → surviving source ids of the source (merges are rare: the table stays small). */
async function links(q: Q, ctx: EntityContext): Promise<Map<string, string>> {
  const rows = await q.all<{ obsolete_source_id: string; surviving_source_id: string }>(
    'select obsolete_source_id, surviving_source_id from patient_links where source_system = ?',
    [ctx.sourceSystem],
  );
  return new Map(rows.map((r) => [r.obsolete_source_id, r.surviving_source_id]));
}

/** The end of the chain from `id`, or null when the chain loops back on itself. */
function finalSurvivor(map: Map<string, string>, id: string): string | null {
  const seen = new Set([id]);
  let at = id;
  for (let next = map.get(at); next !== undefined; next = map.get(at)) {
    if (seen.has(next)) return null;
    seen.add(next);
    at = next;
  }
  return at;
}

/**
 * Points every stored record of the given chains (all of them when `touching` is omitted) at its
 * stored final survivor, with its encounters. A chain whose survivor is not stored yet waits.
 */
export async function resolveMerges(q: Q, ctx: EntityContext, touching?: Set<string>, map?: Map<string, string>): Promise<number> {
  map ??= await links(q, ctx);
  if (!map.size) return 0;
  const pairs: [string, string][] = [];
  for (const obsolete of map.keys()) {
    const survivor = finalSurvivor(map, obsolete);
    if (survivor && (!touching || touching.has(obsolete) || touching.has(survivor))) pairs.push([obsolete, survivor]);
  }
  if (!pairs.length) return 0;
  const stored = new Map(
    (
      await selectIn<{ source_patient_id: string; id: number; merged_into_patient_id: number | null }>(
        q,
        'select source_patient_id, id, merged_into_patient_id from patients where source_system = ? and source_patient_id in',
        [ctx.sourceSystem],
        [...new Set(pairs.flat())],
      )
    ).map((r) => [r.source_patient_id, r]),
  );
  let moved = 0;
  for (const [obsolete, survivor] of pairs) {
    const old = stored.get(obsolete);
    const keep = stored.get(survivor);
    if (!old || !keep || old.merged_into_patient_id === keep.id) continue;
    await q.run("update patients set merged_into_patient_id = ?, status = 'merged' where id = ?", [keep.id, old.id]);
    await q.run('update encounters set patient_id = ? where patient_id = ?', [keep.id, old.id]);
    old.merged_into_patient_id = keep.id;
    moved++;
  }
  if (moved) ctx.run.allPatients = undefined;
  return moved;
}

export const merges: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    const map = await links(q, ctx);
    for (const row of rows) {
      const obsolete = str(row, 'obsolete_source_id');
      const surviving = str(row, 'surviving_source_id');
      const reject = (reason: string, detail?: string) =>
        result.rejections.push({ entity: 'merges', key: keyOf(row, 'obsolete_source_id'), reason, detail, raw: row });
      if (!obsolete || !surviving) {
        reject('missing key');
        continue;
      }
      if (obsolete === surviving) {
        reject('merge into itself');
        continue;
      }
      const before = map.get(obsolete);
      if (before === surviving) {
        result.unchanged++;
        continue;
      }
      const end = finalSurvivor(map, surviving);
      if (end === obsolete || end === null) {
        reject('merge cycle', `${obsolete} → ${surviving}`);
        continue;
      }
      if (before === undefined)
        await q.run('insert into patient_links (source_system, obsolete_source_id, surviving_source_id, merged_at, recorded_at) values (?,?,?,?,?)', [
          ctx.sourceSystem,
          obsolete,
          surviving,
          parseWallClock(row.merged_at),
          ctx.now,
        ]);
      else
        await q.run('update patient_links set surviving_source_id = ?, merged_at = ?, recorded_at = ? where source_system = ? and obsolete_source_id = ?', [
          surviving,
          parseWallClock(row.merged_at),
          ctx.now,
          ctx.sourceSystem,
          obsolete,
        ]);
      map.set(obsolete, surviving);
      result[before === undefined ? 'inserted' : 'updated']++;
    }
    await resolveMerges(q, ctx, undefined, map);
    return result;
  },
};
