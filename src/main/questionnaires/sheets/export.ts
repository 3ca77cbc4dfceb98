import { formatCondition, type Option, type QuestionnaireDef } from '../../../shared/questionnaire';
import { SHEETS, type Cell, type Tables } from './layout';

const header = (key: keyof typeof SHEETS, cols: string[]) => cols.map((c) => (SHEETS[key].columns as Record<string, string[]>)[c][0]);
const yes = (b: boolean | undefined) => (b ? 'yes' : 'no');
const blank = (v: Cell) => (v === undefined ? null : v);

/**
 * The spreadsheet form of a definition (the inverse of importQuestionnaireTables): used to
 * hand a shipped template to a team as a starting point, and to test the import.
 */
export function questionnaireToTables(def: QuestionnaireDef): Tables {
  // Items with the same options share one choice list (PHQ-9's nine items share "phq9_1").
  const lists = new Map<string, Option[]>();
  const listOf = new Map<string, string>();
  for (const it of def.items) {
    if (!it.options) continue;
    const key = JSON.stringify(it.options);
    const found = [...lists.entries()].find(([, opts]) => JSON.stringify(opts) === key);
    if (found) listOf.set(it.id, found[0]);
    else {
      lists.set(it.id, it.options);
      listOf.set(it.id, it.id);
    }
  }
  const itemCols = ['id', 'type', 'text', 'text_en', 'required', 'choices', 'show_if', 'min', 'max', 'unit', 'max_length', 'help', 'help_en'];
  return {
    settings: [
      header('settings', ['id', 'version', 'title', 'title_en', 'description', 'description_en']),
      [def.id, def.version, def.title, def.titleEn, blank(def.description), blank(def.descriptionEn)],
    ],
    items: [
      header('items', itemCols),
      ...def.items.map((it) => [
        it.id,
        it.type,
        it.text,
        it.textEn,
        it.type === 'display' ? null : yes(it.required),
        blank(listOf.get(it.id)),
        it.showIf ? formatCondition(it.showIf) : null,
        blank(it.min),
        blank(it.max),
        blank(it.unit),
        blank(it.maxLength),
        blank(it.help),
        blank(it.helpEn),
      ]),
    ],
    choices: [
      header('choices', ['list', 'value', 'label', 'label_en', 'score', 'exclusive']),
      ...[...lists.entries()].flatMap(([list, opts]) => opts.map((o) => [list, o.value, o.label, o.labelEn, blank(o.score), o.exclusive ? 'yes' : null])),
    ],
    scores: [
      header('scores', ['id', 'label', 'label_en', 'sum', 'max', 'map']),
      ...def.scores.map((s) => [
        s.id,
        s.label,
        s.labelEn,
        s.sum ? s.sum.join(', ') : null,
        s.max ? s.max.join(', ') : null,
        s.map ? s.map.map((m) => `${m.min === m.max ? m.min : `${m.min}..${m.max}`}=${m.value}`).join('; ') : null,
      ]),
    ],
    bands: [
      header('bands', ['score', 'min', 'max', 'label', 'label_en', 'color', 'advice', 'advice_en']),
      ...def.scores.flatMap((s) => s.bands.map((b) => [s.id, b.min, b.max, b.label, b.labelEn, b.color, blank(b.advice), blank(b.adviceEn)])),
    ],
    triggers: [
      header('triggers', ['id', 'when', 'color', 'message', 'message_en', 'escalate']),
      ...def.triggers.map((t) => [t.id, formatCondition(t.when), t.color, t.message, t.messageEn, yes(t.escalate)]),
    ],
  };
}
