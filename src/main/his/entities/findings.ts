import { replaceChildren } from './children';
import type { EntityHandler } from './types';
import { emptyResult, mapped, str } from './types';

interface Finding { seq: number; item: string; value: string | null; unit: string | null; range: string | null; flag: string | null; critical: number }

export const checkupFindings: EntityHandler = {
  groupBy: 'source_checkup_id',
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    await replaceChildren<Finding>(q, ctx, 'checkup_findings', 'checkup', 'source_checkup_id', rows, result,
      (row) => {
        const item = str(row, 'item_name');
        if (!item) return { reason: 'missing item name' };
        const flag = mapped(ctx, 'checkup_findings', 'abnormal_flag', row.abnormal_flag);
        if ('unmapped' in flag) return { reason: 'unmapped abnormal flag', detail: flag.unmapped };
        return { ok: { seq: Number(row.seq_no) || 0, item, value: str(row, 'result_value'), unit: str(row, 'unit'),
          range: str(row, 'reference_range'), flag: flag.value, critical: str(row, 'critical') === '1' ? 1 : 0 } };
      },
      async (encounterId, findings) => {
        await q.run('delete from checkup_findings where encounter_id = ?', [encounterId]);
        for (const f of findings)
          await q.run(`insert into checkup_findings (encounter_id, seq_no, item_name, result_value, unit, reference_range, abnormal_flag, is_critical)
            values (?,?,?,?,?,?,?,?)`, [encounterId, f.seq, f.item, f.value, f.unit, f.range, f.flag, f.critical]);
        await q.run('update encounters set critical_count = ?, abnormal_count = ? where id = ?', [
          findings.filter((f) => f.critical).length, findings.filter((f) => f.flag && f.flag !== 'N').length, encounterId]);
      });
    return result;
  },
};
