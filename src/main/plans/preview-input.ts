import type { Knex } from 'knex';
import type { MethodParsed } from '../../shared/contract';
import type { PlanPreview } from '../../shared/contract/plans';
import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { previewPlan } from './preview';
import { getPlan } from './repo';

/** plans.preview takes an unsaved definition (the editor) or a stored version. */
export async function preview(
  knex: Knex,
  input: MethodParsed<'plans.preview'>,
  lib: QuestionnaireLibrary,
  today: string,
  synonyms?: DiagnosisSynonyms,
): Promise<PlanPreview> {
  const def = 'definition' in input ? input.definition : (await getPlan(knex, input.planId, input.version)).definition;
  return previewPlan(knex, def, lib, today, synonyms);
}
