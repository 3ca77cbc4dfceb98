import type { Knex } from 'knex';
import type { PlanPreview } from '../../shared/contract/plans';
import type { PlanDefinition } from '../../shared/plans/schema';
import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { resolveDiagnosisCodes } from '../diagnoses/diagnosis-filter';
import { matchPlan } from './matching';

/** Who the plan would enrol today, without writing anything. */
export async function previewPlan(
  knex: Knex,
  def: PlanDefinition,
  lib: QuestionnaireLibrary,
  today: string,
  synonyms?: DiagnosisSynonyms,
): Promise<PlanPreview> {
  const existing = await knex('plans').where({ code: def.code }).first('id');
  const { candidates, warnings } = await matchPlan(knex, def, existing ? Number(existing.id) : null, today, synonyms);
  for (const t of def.tracks)
    for (const q of [t.questionnaire, ...t.points.map((p) => p.questionnaire), ...t.cycles.map((c) => c.questionnaire)])
      if (q && !lib.get(q.id, q.version)) warnings.push(`轨道 ${t.id}: 问卷 ${q.id}${q.version ? ` v${q.version}` : ''} 未安装 (questionnaire not installed)`);
  // A treatment event no code matches would leave every treatment_start track waiting.
  if (def.treatmentStart && !(await resolveDiagnosisCodes(knex, def.treatmentStart.icd10.join(' '), synonyms)).length)
    warnings.push(`治疗开始日：${def.treatmentStart.icd10.join('、')} 没有匹配的诊断编码 (no diagnosis code matches the treatment start event)`);
  return {
    encounters: candidates.length,
    patients: new Set(candidates.map((c) => c.patientId)).size,
    byRule: def.enrolment.rules.map((r) => ({
      ruleId: r.id,
      label: r.label ?? null,
      labelEn: r.labelEn ?? null,
      encounters: candidates.filter((c) => c.rule.id === r.id).length,
    })),
    sample: [...candidates]
      .reverse()
      .slice(0, 20)
      .map((c) => ({
        patientId: c.patientId,
        encounterId: c.encounterId,
        name: c.name,
        kind: c.kind,
        eventDate: c.eventDate,
        deptName: c.deptName,
        diagCode: c.diagCode,
        diagName: c.diagName,
        ruleId: c.rule.id,
      })),
    warnings: [...new Set(warnings)],
  };
}
