import { parseIcdCode } from '../normalise/icd';
import { replaceChildren } from './children';
import { rememberDiagnoses } from './lookups';
import type { EntityHandler } from './types';
import { emptyResult, mapped, str } from './types';

interface Dx { seq: number; role: string; primary: number; code: string; category: string; name: string }

export const inpatientDiagnoses: EntityHandler = {
  groupBy: 'source_stay_id',
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    await replaceChildren<Dx>(q, ctx, 'inpatient_diagnoses', 'inpatient', 'source_stay_id', rows, result,
      (row) => {
        const icd = parseIcdCode(row.code);
        if (!icd) return { reason: 'malformed ICD-10 code', detail: String(row.code) };
        const role = mapped(ctx, 'inpatient_diagnoses', 'role', row.role);
        if ('unmapped' in role) return { reason: 'unmapped diagnosis role', detail: role.unmapped };
        return { ok: { seq: Number(row.seq_no) || 0, role: role.value ?? 'discharge', primary: str(row, 'is_primary') === '1' ? 1 : 0,
          code: icd.code, category: icd.category, name: str(row, 'name') ?? icd.code } };
      },
      async (encounterId, dx) => {
        await q.run('delete from diagnoses where encounter_id = ?', [encounterId]);
        for (const d of dx)
          await q.run('insert into diagnoses (encounter_id, seq_no, role, is_primary, code_raw, code_category, name) values (?,?,?,?,?,?,?)',
            [encounterId, d.seq, d.role, d.primary, d.code, d.category, d.name]);
        const main = dx.find((d) => d.primary && d.role === 'discharge') ?? dx.find((d) => d.primary);
        if (!main) {
          const [stay] = await q.all<{ source_id: string }>('select source_id from encounters where id = ?', [encounterId]);
          result.rejections.push({ entity: 'inpatient_diagnoses', key: stay.source_id, reason: 'no main diagnosis', raw: { source_stay_id: stay.source_id, diagnoses: dx.length } });
        }
        await q.run('update encounters set main_diag_code = ?, main_diag_category = ?, main_diag_name = ? where id = ?',
          [main?.code ?? null, main?.category ?? null, main?.name ?? null, encounterId]);
        await rememberDiagnoses(q, ctx.seenDiagnosisCodes, dx);
      });
    return result;
  },
};
