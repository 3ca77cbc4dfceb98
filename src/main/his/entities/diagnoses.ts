import { parseIcdCode } from '../normalise/icd';
import { childEntity } from './children';
import { rememberDiagnoses } from './lookups';
import { mapped, shown, str } from './types';

// The stay's main diagnosis arrives on the stay row itself (the profile joins it), so the
// finder's indexed column is written once; here the full list is kept for the timeline.
export const inpatientDiagnoses = childEntity({
  entity: 'inpatient_diagnoses',
  parentKind: 'inpatient',
  parentKeyCol: 'source_stay_id',
  table: 'diagnoses',
  columns: ['seq_no', 'role', 'is_primary', 'code_raw', 'code_category', 'name'],
  normalise(row, ctx) {
    const icd = parseIcdCode(row.code);
    if (!icd) return { reason: 'malformed ICD-10 code', detail: shown(row.code) };
    const role = mapped(ctx, 'inpatient_diagnoses', 'role', row.role);
    if ('unmapped' in role) return { reason: 'unmapped diagnosis role', detail: role.unmapped };
    return {
      values: [
        Number(row.seq_no) || 0,
        role.value ?? 'discharge',
        str(row, 'is_primary') === '1' ? 1 : 0,
        icd.code,
        icd.category,
        str(row, 'name') ?? icd.code,
      ],
    };
  },
  async afterGroup(q, ctx, stayKey, children, result) {
    if (!children.some((c) => c[2] === 1))
      result.rejections.push({
        entity: 'inpatient_diagnoses',
        key: stayKey,
        reason: 'no main diagnosis',
        raw: { source_stay_id: stayKey, diagnoses: children.length },
      });
    await rememberDiagnoses(
      q,
      ctx.seenDiagnosisCodes,
      children.map((c) => ({ code: c[3] as string, category: c[4] as string, name: c[5] as string })),
    );
  },
});
