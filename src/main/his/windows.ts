import { addBeijingMinutes } from '../../shared/beijing-time';
import type { SyncWindow } from '../../shared/his-check';
import type { EntitySpec } from './profile';

const FULL_SINCE = '1900-01-01 00:00:00';

export type { SyncWindow };

/** Reads have no upper bound: a parent changed after the run began is still read before its children. */
const OPEN_UNTIL = '9999-12-31 23:59:59';

/**
 * The read window for one entity, and the watermark to store once it is read. A datetime
 * watermark re-reads an overlap before the last one (rows committed late with an earlier
 * timestamp); a business-date watermark re-reads a rolling window of days, because discharge
 * records keep changing after the fact. The stored watermark stays a little behind now, so
 * rows still being written are read again next time; upserts make the re-reading harmless.
 */
export function syncWindow(
  spec: EntitySpec,
  watermark: string | null,
  now: string,
  opts: { full?: boolean; lagMinutes?: number } = {},
): { window: SyncWindow; nextWatermark: string } {
  let since = FULL_SINCE;
  if (!opts.full && watermark && spec.watermark?.kind === 'datetime') since = addBeijingMinutes(watermark, -spec.watermark.overlapMinutes);
  if (!opts.full && watermark && spec.watermark?.kind === 'business_date')
    since = `${addBeijingMinutes(watermark, -spec.watermark.windowDays * 1440).slice(0, 10)} 00:00:00`;
  const reread = rereadSince(spec, watermark, now, opts.full);
  return {
    window: {
      since,
      until: OPEN_UNTIL,
      since_date: since.slice(0, 10),
      until_date: OPEN_UNTIL.slice(0, 10),
      reread_since: reread,
      reread_since_date: reread.slice(0, 10),
    },
    nextWatermark: addBeijingMinutes(now, -(opts.lagMinutes ?? 5)),
  };
}

/**
 * Where a child entity's re-read of recent parents begins. Without the option it never does
 * (a date no row reaches), so one SQL serves profiles with and without it; a full or first
 * read takes everything anyway.
 */
function rereadSince(spec: EntitySpec, watermark: string | null, now: string, full?: boolean): string {
  if (full || !watermark) return FULL_SINCE;
  if (!spec.rereadChildrenDays) return OPEN_UNTIL;
  return `${addBeijingMinutes(now, -spec.rereadChildrenDays * 1440).slice(0, 10)} 00:00:00`;
}

/** Re-chunks a stream so that rows sharing `key` (sorted by it) never straddle two batches. */
export async function* keepGroupsTogether<T extends Record<string, unknown>>(batches: AsyncIterable<T[]>, key: string): AsyncIterable<T[]> {
  let carry: T[] = [];
  for await (const batch of batches) {
    const rows = carry.length ? carry.concat(batch) : batch;
    const lastKey = rows[rows.length - 1][key];
    let cut = rows.length;
    while (cut > 0 && rows[cut - 1][key] === lastKey) cut--;
    if (cut === 0) {
      carry = rows;
      continue;
    }
    carry = rows.slice(cut);
    yield rows.slice(0, cut);
  }
  if (carry.length) yield carry;
}
