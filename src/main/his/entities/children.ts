import type { EncounterKind } from '../../../shared/model';
import type { HisRow } from '../sources/types';
import type { Q } from '../sync-db';
import { encounterIds } from './lookups';
import type { EntityName } from '../profile';
import type { BatchResult, EntityContext } from './types';
import { rowHash, str } from './types';

/**
 * Child rows (diagnoses, findings) often lack stable ids in the HIS, so each parent's set is
 * replaced wholesale, and only when the set's hash differs from the one stored on the parent.
 */
export async function replaceChildren<T>(
  q: Q, ctx: EntityContext, entity: EntityName, parentKind: EncounterKind, parentKeyCol: string, rows: HisRow[], result: BatchResult,
  normalise: (row: HisRow) => { ok: T } | { reason: string; detail?: string },
  write: (encounterId: number, children: T[], patientId: number | null) => Promise<void>,
): Promise<void> {
  const groups = new Map<string, HisRow[]>();
  for (const row of rows) {
    const key = str(row, parentKeyCol) ?? '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(row);
  }
  const parents = await encounterIds(q, ctx.sourceSystem, parentKind, [...groups.keys()]);
  for (const [key, group] of groups) {
    const parent = parents.get(key);
    const seqKey = (row: HisRow) => `${key}/${str(row, 'seq_no') ?? '?'}`;
    if (!parent) {
      for (const row of group) result.rejections.push({ entity, key: seqKey(row), reason: `unknown ${parentKind === 'checkup' ? 'checkup' : 'stay'}`, detail: key || '(empty)', raw: row });
      continue;
    }
    const children: T[] = [];
    for (const row of group) {
      const n = normalise(row);
      if ('ok' in n) children.push(n.ok);
      else result.rejections.push({ entity, key: seqKey(row), reason: n.reason, detail: n.detail, raw: row });
    }
    const hash = rowHash(children.map((c) => JSON.stringify(c)));
    if (hash === parent.children_hash) { result.unchanged += group.length; continue; }
    await write(parent.id, children, parent.patient_id);
    await q.run('update encounters set children_hash = ? where id = ?', [hash, parent.id]);
    if (parent.children_hash === null) result.inserted += children.length;
    else result.updated += children.length;
  }
}
