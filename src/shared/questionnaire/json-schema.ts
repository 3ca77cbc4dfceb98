import { z } from 'zod';
import { questionnaireShape } from './schema';

/**
 * JSON Schema of a definition, for editors (templates point at it with "$schema"). It covers
 * the shape only; parseQuestionnaire also checks references, bands and option values.
 * Kept in templates/schemas/questionnaire.schema.json, compared with this in the tests.
 */
export function questionnaireJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(questionnaireShape, { io: 'input', unrepresentable: 'any' }),
    $id: 'questionnaire.schema.json',
    title: '随访问卷定义 Follow-up questionnaire definition',
    description: 'src/shared/questionnaire/schema.ts; cross-reference rules in docs/questionnaire-spreadsheet.md',
  };
}
