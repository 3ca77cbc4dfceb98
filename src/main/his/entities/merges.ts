import { parseWallClock } from '../normalise/dates';
import type { EntityHandler } from './types';
import { emptyResult, keyOf, str } from './types';

// A merge is recorded as a link (obsolete → surviving); the obsolete patient's encounters are
// re-pointed in the same transaction and later rows naming it resolve through the link.
export const merges: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    for (const row of rows) {
      const obsolete = str(row, 'obsolete_source_id');
      const surviving = str(row, 'surviving_source_id');
      const reject = (reason: string) => result.rejections.push({ entity: 'merges', key: keyOf(row, 'obsolete_source_id'), reason, raw: row });
      if (!obsolete || !surviving) {
        reject('missing key');
        continue;
      }
      if (obsolete === surviving) {
        reject('merge into itself');
        continue;
      }
      const [old] = await q.all<{ id: number; merged_into_patient_id: number | null }>(
        'select id, merged_into_patient_id from patients where source_system = ? and source_patient_id = ?',
        [ctx.sourceSystem, obsolete],
      );
      const [keep] = await q.all<{ id: number }>('select id from patients where source_system = ? and source_patient_id = ?', [ctx.sourceSystem, surviving]);
      if (!old || !keep) {
        reject('unknown patient');
        continue;
      }
      const linked = await q.all('select id from patient_links where source_system = ? and obsolete_source_id = ?', [ctx.sourceSystem, obsolete]);
      if (linked.length && old.merged_into_patient_id === keep.id) {
        result.unchanged++;
        continue;
      }
      if (!linked.length)
        await q.run('insert into patient_links (source_system, obsolete_source_id, surviving_source_id, merged_at, recorded_at) values (?,?,?,?,?)', [
          ctx.sourceSystem,
          obsolete,
          surviving,
          parseWallClock(row.merged_at),
          ctx.now,
        ]);
      await q.run("update patients set merged_into_patient_id = ?, status = 'merged' where id = ?", [keep.id, old.id]);
      await q.run('update patients set merged_into_patient_id = ? where merged_into_patient_id = ?', [keep.id, old.id]);
      await q.run('update encounters set patient_id = ? where patient_id = ?', [keep.id, old.id]);
      result.inserted++;
      ctx.run.allPatients = undefined;
    }
    return result;
  },
};
