import type { EncounterKind } from '../../../shared/model';
import type { EntityName } from '../profile';
import type { HisRow } from '../sources/types';
import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import { parentIds } from './lookups';
import type { BatchResult, EntityContext, EntityHandler } from './types';
import { emptyResult, rowHash, str } from './types';

type Value = string | number | null;

export interface ChildSpec {
  entity: EntityName;
  parentKind: EncounterKind;
  parentKeyCol: string;
  table: string;
  /** Stored columns besides encounter_id, in the order normalise returns them. */
  columns: string[];
  normalise(row: HisRow, ctx: EntityContext): { values: Value[] } | { reason: string; detail?: string };
  /** Called with each parent's accepted children, before they are written. */
  afterGroup?(q: Q, ctx: EntityContext, parentKey: string, children: Value[][], result: BatchResult): Promise<void>;
}

/**
 * Child rows (diagnoses, findings) often lack stable ids in the HIS, so each parent's set is
 * replaced wholesale, and only when it differs from what is stored. Parents first seen in
 * this run have nothing stored, which keeps a first load to plain inserts.
 */
export function childEntity(spec: ChildSpec): EntityHandler {
  const insertSql = `insert into ${spec.table} (encounter_id, ${spec.columns.join(', ')}) values (?, ${spec.columns.map(() => '?').join(', ')})`;
  return {
    groupBy: spec.parentKeyCol,
    async processBatch(q, rows, ctx) {
      const result = emptyResult();
      const groups = new Map<string, HisRow[]>();
      for (const row of rows) {
        const key = str(row, spec.parentKeyCol) ?? '';
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push(row);
      }
      const parents = await parentIds(q, ctx, spec.parentKind, [...groups.keys()]);
      const older: number[] = [];
      for (const key of groups.keys()) {
        const p = parents.get(key);
        if (p && p.first_seen_at !== ctx.now) older.push(p.id);
      }
      const stored = new Map<number, Value[][]>();
      for (const r of await selectIn<Record<string, Value>>(
        q,
        `select encounter_id, ${spec.columns.join(', ')} from ${spec.table} where encounter_id in`,
        [],
        older,
      )) {
        const id = Number(r.encounter_id);
        if (!stored.has(id)) stored.set(id, []);
        stored.get(id)!.push(spec.columns.map((c) => r[c]));
      }
      const inserts: Value[][] = [];
      for (const [key, group] of groups) {
        const parent = parents.get(key);
        const seqKey = (row: HisRow) => `${key}/${str(row, 'seq_no') ?? '?'}`;
        if (!parent) {
          const reason = `unknown ${spec.parentKind === 'checkup' ? 'checkup' : 'stay'}`;
          for (const row of group) result.rejections.push({ entity: spec.entity, key: seqKey(row), reason, detail: key || '(empty)', raw: row });
          continue;
        }
        const children: Value[][] = [];
        for (const row of group) {
          const n = spec.normalise(row, ctx);
          if ('values' in n) children.push(n.values);
          else result.rejections.push({ entity: spec.entity, key: seqKey(row), reason: n.reason, detail: n.detail, raw: row });
        }
        await spec.afterGroup?.(q, ctx, key, children, result);
        const before = stored.get(parent.id);
        const sortKey = (v: Value[]) => v.map(String).join('\u0001');
        if (before && rowHash(before.map(sortKey).sort()) === rowHash(children.map(sortKey).sort())) {
          result.unchanged += group.length;
          continue;
        }
        if (before) await q.run(`delete from ${spec.table} where encounter_id = ?`, [parent.id]);
        inserts.push(...children.map((c) => [parent.id, ...c]));
        if (before) result.updated += children.length;
        else result.inserted += children.length;
      }
      await q.runMany(insertSql, inserts);
      return result;
    },
  };
}
