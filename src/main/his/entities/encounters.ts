import type { EncounterKind } from '../../../shared/model';
import type { Q } from '../sync-db';
import { forgetWritten, storedEncounters } from './lookups';
import type { BatchResult, EntityContext } from './types';
import { noteInserted, rowHash, storedCandidates } from './types';

export interface EncounterRecord {
  sourceId: string;
  /** Column → value; the same columns for every record of one kind. */
  cols: Record<string, string | number | null>;
}

export interface WrittenEncounter {
  sourceId: string;
  change: 'inserted' | 'updated' | 'unchanged';
  cols: EncounterRecord['cols'];
}

/** Upserts one kind of encounter by (source_system, kind, source_id), skipping unchanged rows. */
export async function writeEncounters(
  q: Q,
  ctx: EntityContext,
  kind: EncounterKind,
  records: EncounterRecord[],
  result: BatchResult,
): Promise<WrittenEncounter[]> {
  if (!records.length) return [];
  const existing = await storedEncounters(
    q,
    ctx,
    kind,
    storedCandidates(
      ctx,
      records.map((r) => r.sourceId),
    ),
  );
  const names = Object.keys(records[0].cols);
  const inserts: unknown[][] = [];
  const updates: unknown[][] = [];
  const seen = new Map<string, string>();
  const written: WrittenEncounter[] = [];
  for (const r of records) {
    const values = names.map((n) => r.cols[n]);
    const hash = rowHash(values);
    const old = existing.get(r.sourceId);
    // A key twice in one batch (a view that joins a duplicate) keeps the last row.
    const dup = seen.get(r.sourceId);
    seen.set(r.sourceId, hash);
    let change: WrittenEncounter['change'];
    if (!old && dup === undefined) {
      inserts.push([ctx.sourceSystem, kind, r.sourceId, hash, ctx.now, ctx.now, ...values]);
      change = 'inserted';
    } else if ((dup ?? old!.row_hash) !== hash) {
      updates.push([hash, ctx.now, ...values, ctx.sourceSystem, kind, r.sourceId]);
      change = 'updated';
    } else change = 'unchanged';
    result[change]++;
    written.push({ sourceId: r.sourceId, change, cols: r.cols });
  }
  await q.runMany(
    `insert into encounters (source_system, kind, source_id, row_hash, first_seen_at, last_synced_at, ${names.join(', ')})
     values (?, ?, ?, ?, ?, ?, ${names.map(() => '?').join(', ')})`,
    inserts,
  );
  noteInserted(
    ctx,
    inserts.map((v) => v[2] as string),
  );
  forgetWritten(ctx, kind, [...inserts.map((v) => v[2] as string), ...updates.map((v) => v[v.length - 1] as string)]);
  // Updates run after the inserts so a duplicate key's second row lands on the first.
  await q.runMany(
    `update encounters set row_hash = ?, last_synced_at = ?, ${names.map((n) => `${n} = ?`).join(', ')}
     where source_system = ? and kind = ? and source_id = ?`,
    updates,
  );
  return written;
}
