import type { EntityCounts } from '../../shared/model';
import type { Rejection } from './entities/types';

/**
 * Counts a batch's rejections: those of the entity's own rows as rejected, those filed under
 * another entity (a patient's bad phone or ID number, a visit's malformed diagnosis code,
 * whose row still loaded) under `flagged`, so a bad phone never reads as a rejected patient.
 */
export function tallyRejections(counts: EntityCounts, entity: string, rejections: Rejection[]): void {
  for (const r of rejections) {
    if (r.entity === entity) counts.rejected++;
    else {
      counts.flagged ??= {};
      counts.flagged[r.entity] = (counts.flagged[r.entity] ?? 0) + 1;
    }
  }
}
