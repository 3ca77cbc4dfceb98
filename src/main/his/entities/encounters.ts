import type { EncounterKind } from '../../../shared/model';
import type { Q } from '../sync-db';
import { encounterIds } from './lookups';
import type { BatchResult, EntityContext } from './types';
import { rowHash } from './types';

export interface EncounterRecord {
  sourceId: string;
  /** Column → value; the same columns for every record of one kind. */
  cols: Record<string, string | number | null>;
}

export interface WrittenEncounter {
  id: number;
  sourceId: string;
  change: 'inserted' | 'updated' | 'unchanged';
  cols: EncounterRecord['cols'];
}

/** Upserts one kind of encounter by (source_system, kind, source_id), skipping unchanged rows. */
export async function writeEncounters(
  q: Q, ctx: EntityContext, kind: EncounterKind, records: EncounterRecord[], result: BatchResult,
): Promise<WrittenEncounter[]> {
  if (!records.length) return [];
  const existing = await encounterIds(q, ctx.sourceSystem, kind, records.map((r) => r.sourceId));
  const names = Object.keys(records[0].cols);
  const insertSql = `insert into encounters (source_system, kind, source_id, row_hash, first_seen_at, last_synced_at, ${names.join(', ')})
    values (?, ?, ?, ?, ?, ?, ${names.map(() => '?').join(', ')}) returning id`;
  const updateSql = `update encounters set row_hash = ?, last_synced_at = ?, ${names.map((n) => `${n} = ?`).join(', ')} where id = ?`;
  const written: WrittenEncounter[] = [];
  for (const r of records) {
    const values = names.map((n) => r.cols[n]);
    const hash = rowHash(values);
    const old = existing.get(r.sourceId);
    if (!old) {
      const id = await q.insertId(insertSql, [ctx.sourceSystem, kind, r.sourceId, hash, ctx.now, ctx.now, ...values]);
      existing.set(r.sourceId, { source_id: r.sourceId, id, row_hash: hash, children_hash: null, patient_id: null });
      result.inserted++;
      written.push({ id, sourceId: r.sourceId, change: 'inserted', cols: r.cols });
    } else if (old.row_hash !== hash) {
      await q.run(updateSql, [hash, ctx.now, ...values, old.id]);
      old.row_hash = hash;
      result.updated++;
      written.push({ id: old.id, sourceId: r.sourceId, change: 'updated', cols: r.cols });
    } else {
      result.unchanged++;
      written.push({ id: old.id, sourceId: r.sourceId, change: 'unchanged', cols: r.cols });
    }
  }
  return written;
}
