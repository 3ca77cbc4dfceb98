import path from 'node:path';
import { assertQuestionnaire, type QuestionnaireDef, type QuestionnaireInput } from '../../src/shared/questionnaire';
import { loadQuestionnaires } from '../../src/main/questionnaires/library';

export const TEMPLATES_DIR = path.resolve(__dirname, '../../templates/questionnaires');

let shipped: Map<string, QuestionnaireDef> | undefined;
export const template = (id: string): QuestionnaireDef => {
  shipped ??= loadQuestionnaires(TEMPLATES_DIR);
  const d = shipped.get(id);
  if (!d) throw new Error(`no template ${id}`);
  return d;
};

const opt = (value: string, score?: number) => ({ value, label: `选项${value}`, labelEn: `Option ${value}`, ...(score === undefined ? {} : { score }) });
export const freq = () => [opt('0', 0), opt('1', 1), opt('2', 2), opt('3', 3)];
// Loosely typed on purpose: tests also build broken definitions.
export const item = (id: string, type: string, extra: Record<string, unknown> = {}): any => ({
  id,
  type,
  text: `题目 ${id}`,
  textEn: `Item ${id}`,
  required: true,
  ...extra,
});

/** A small definition exercising every feature; tests override parts of it. */
export function fixture(over: Partial<QuestionnaireInput> = {}): QuestionnaireInput {
  return {
    id: 'fixture',
    version: 1,
    title: '测试问卷',
    titleEn: 'Test questionnaire',
    items: [
      item('intro', 'display', { required: undefined }),
      item('a', 'single', { options: [opt('yes'), opt('no')] }),
      item('b', 'integer', { min: 0, max: 10, showIf: { item: 'a', op: 'eq', value: 'yes' } }),
      item('c', 'single', {
        options: freq(),
        showIf: {
          all: [
            { item: 'a', op: 'eq', value: 'yes' },
            { item: 'b', op: 'gte', value: 2 },
          ],
        },
      }),
      item('d', 'multiple', { required: false, options: [{ ...opt('none', 0), exclusive: true }, opt('x', 1), opt('y', 2)] }),
      item('e', 'text', {
        required: false,
        maxLength: 5,
        showIf: {
          any: [
            { item: 'd', op: 'eq', value: 'x' },
            {
              all: [
                { item: 'c', op: 'answered' },
                { item: 'c', op: 'ne', value: '0' },
              ],
            },
          ],
        },
      }),
      item('f', 'date', { required: false }),
      item('g', 'decimal', { required: false, min: 1.5, max: 9.5, unit: 'mmol/L' }),
    ],
    scores: [
      {
        id: 'total',
        label: '总分',
        labelEn: 'Total',
        sum: ['b', 'c', 'd'],
        bands: [
          { min: 0, max: 4, label: '低', labelEn: 'Low', color: 'green' },
          { min: 5, max: 9, label: '中', labelEn: 'Medium', color: 'yellow' },
          { min: 10, max: 16, label: '高', labelEn: 'High', color: 'orange' },
        ],
      },
    ],
    triggers: [
      { id: 'high_c', when: { item: 'c', op: 'gte', value: 3 }, color: 'red', message: 'c 高', messageEn: 'c high', escalate: true },
      { id: 'total_high', when: { score: 'total', op: 'gte', value: 12 }, color: 'orange', message: '总分高', messageEn: 'Total high', escalate: false },
    ],
    ...over,
  } as QuestionnaireInput;
}

export const def = (over: Partial<QuestionnaireInput> = {}): QuestionnaireDef => assertQuestionnaire(fixture(over), 'fixture');
