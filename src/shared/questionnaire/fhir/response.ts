import { compile } from '../compiled';
import { scoreRange } from '../range-checks';
import type { Answers, QuestionnaireDef } from '../schema';
import { score } from '../scoring';
import { validateAnswers } from '../validate-answers';
import { resolveVisibility } from '../visibility';
import type { QuestionnaireResponse, QuestionnaireResponseAnswer, QuestionnaireResponseItem, QuestionnaireResponseStatus, Reference } from './types';
import { DEFAULT_FHIR_BASE, optionSystem, questionnaireCanonical } from './urls';

export interface ResponseMeta {
  /** When the answers were given: the store's Beijing wall-clock 'YYYY-MM-DD HH:mm:ss', or a FHIR dateTime with offset. */
  authored: string;
  status?: QuestionnaireResponseStatus;
  id?: string;
  subject?: Reference;
  author?: Reference;
  encounter?: Reference;
  baseUrl?: string;
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/;
const FHIR_DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

/** Wall-clock times in the store are Beijing time, which has no daylight saving: +08:00. */
export function fhirDateTime(authored: string): string {
  const m = WALL_CLOCK.exec(authored);
  if (m) return `${m[1]}T${m[2]}+08:00`;
  if (FHIR_DATETIME.test(authored)) return authored;
  throw new Error(`authored must be 'YYYY-MM-DD HH:mm:ss' (Beijing time) or a FHIR dateTime with an offset, got "${authored}"`);
}

/**
 * An R4 QuestionnaireResponse for a stored answer set: visible answered items only (hidden
 * answers are dropped, as the engine ignores them) and the complete scores as answers of their
 * read-only items. Throws on answers that do not fit the definition; a 'completed' response
 * must also have every required visible item answered.
 */
export function toFhirQuestionnaireResponse(def: QuestionnaireDef, answers: Answers, meta: ResponseMeta): QuestionnaireResponse {
  const status = meta.status ?? 'completed';
  const problems = validateAnswers(def, answers).filter((i) => i.code !== 'required' || status === 'completed');
  if (problems.length) throw new Error(`answers do not fit ${def.id} v${def.version}: ${problems.map((p) => `${p.item}: ${p.messageEn}`).join('; ')}`);
  const base = meta.baseUrl ?? DEFAULT_FHIR_BASE;
  const c = compile(def);
  const { answers: kept } = resolveVisibility(def, answers);
  const items: QuestionnaireResponseItem[] = [];
  for (const it of def.items) {
    const a = kept[it.id];
    if (a === undefined || a === null) continue;
    let out: QuestionnaireResponseAnswer[];
    switch (it.type) {
      case 'single':
      case 'multiple': {
        const opts = c.options.get(it.id)!;
        out = (Array.isArray(a) ? a : [String(a)]).map((v) => ({
          valueCoding: { system: optionSystem(def, it.id, base), code: v, display: opts.get(v)!.label },
        }));
        break;
      }
      case 'integer':
        out = [{ valueInteger: a as number }];
        break;
      case 'decimal':
        out = [{ valueDecimal: a as number }];
        break;
      case 'date':
        out = [{ valueDate: a as string }];
        break;
      default:
        out = [{ valueString: String(a) }];
    }
    items.push({ linkId: it.id, text: it.text, answer: out });
  }
  for (const s of score(def, answers).scores) {
    if (!s.complete || s.value === null) continue;
    // The same integer/decimal choice as the score's item in toFhirQuestionnaire.
    const integral = scoreRange(c.scores.get(s.id)!, c.items, c.scores).integral;
    items.push({ linkId: s.id, text: s.label, answer: [integral ? { valueInteger: s.value } : { valueDecimal: s.value }] });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    ...(meta.id ? { id: meta.id } : {}),
    language: 'zh-CN',
    questionnaire: questionnaireCanonical(def, base),
    status,
    ...(meta.subject ? { subject: meta.subject } : {}),
    ...(meta.encounter ? { encounter: meta.encounter } : {}),
    authored: fhirDateTime(meta.authored),
    ...(meta.author ? { author: meta.author } : {}),
    ...(items.length ? { item: items } : {}),
  };
}
