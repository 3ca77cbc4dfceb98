import { ExpressionError, parseCondition, parseQuestionnaire, type Condition, type QuestionnaireDef } from '../../../shared/questionnaire';
import { COLOR_ALIASES, SHEETS, TYPE_ALIASES, type SheetKey, type Tables } from './layout';
import { findTable, Problems, Sheet, type SheetRow } from './reader';

export type SheetImportResult = { ok: true; def: QuestionnaireDef } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;
/** Where each part of the definition came from, to point definition errors at cells. */
type Origin = { sheet: Sheet; row: SheetRow; fields: Record<string, string> };

const ITEM_FIELDS = {
  id: 'id',
  type: 'type',
  text: 'text',
  textEn: 'text_en',
  required: 'required',
  options: 'choices',
  showIf: 'show_if',
  min: 'min',
  max: 'max',
  unit: 'unit',
  maxLength: 'max_length',
  help: 'help',
  helpEn: 'help_en',
};
const OPTION_FIELDS = { value: 'value', label: 'label', labelEn: 'label_en', score: 'score', exclusive: 'exclusive' };
const SCORE_FIELDS = { id: 'id', label: 'label', labelEn: 'label_en', sum: 'sum', max: 'max', map: 'map' };
const BAND_FIELDS = { min: 'min', max: 'max', label: 'label', labelEn: 'label_en', color: 'color', advice: 'advice', adviceEn: 'advice_en' };
const TRIGGER_FIELDS = { id: 'id', when: 'when', color: 'color', message: 'message', messageEn: 'message_en', escalate: 'escalate' };
const SETTINGS_FIELDS = { id: 'id', version: 'version', title: 'title', titleEn: 'title_en', description: 'description', descriptionEn: 'description_en' };

const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const splitIds = (s: string | undefined) => (s ? s.split(/[\s,，;；+]+/).filter(Boolean) : undefined);
const MAP_ENTRY = /^(-?\d+(?:\.\d+)?)\s*(?:(?:\.\.|~|–|—|-)\s*(-?\d+(?:\.\d+)?))?\s*=\s*(-?\d+(?:\.\d+)?)$/;

/**
 * Convert the sheets of a questionnaire workbook (already read into rows of cells) into a
 * validated definition. Every problem names its sheet, row and column.
 */
export function importQuestionnaireTables(tables: Tables): SheetImportResult {
  const problems = new Problems();
  const sheets = {} as Partial<Record<SheetKey, Sheet>>;
  for (const [key, spec] of Object.entries(SHEETS) as [SheetKey, (typeof SHEETS)[SheetKey]][]) {
    const found = findTable(tables, spec.names);
    if (found) sheets[key] = new Sheet(found[0], found[1], spec, problems);
    else if (spec.required) problems.add('workbook', `missing sheet "${spec.names[0]}"`);
  }
  if (problems.list.length) return { ok: false, errors: problems.list };
  const origins = new Map<string, Origin>();
  const at = (path: (string | number)[], sheet: Sheet, row: SheetRow, fields: Record<string, string>) => origins.set(path.join('.'), { sheet, row, fields });

  const settings = sheets.settings!;
  const head = settings.rows[0];
  if (!head) return { ok: false, errors: [`${settings.name}!2: the settings row (id, version, title, title_en) is empty`] };
  at([], settings, head, SETTINGS_FIELDS);

  const lists = new Map<string, { row: SheetRow; option: Json }[]>();
  const ch = sheets.choices;
  for (const row of ch?.rows ?? []) {
    const list = ch!.text(row, 'list');
    if (!list) {
      problems.add(ch!.ref(row, 'list'), 'list name is empty');
      continue;
    }
    const option = defined({
      value: ch!.text(row, 'value'),
      label: ch!.text(row, 'label'),
      labelEn: ch!.text(row, 'label_en'),
      score: ch!.num(row, 'score'),
      exclusive: ch!.bool(row, 'exclusive') || undefined,
    });
    lists.set(list, [...(lists.get(list) ?? []), { row, option }]);
  }

  const sc = sheets.scores;
  const scoreIds = new Set((sc?.rows ?? []).map((r) => sc!.text(r, 'id')).filter((x): x is string => !!x));
  const kindOf = (name: string) => (scoreIds.has(name) ? ('score' as const) : ('item' as const));
  const condition = (sheet: Sheet, row: SheetRow, key: string): Condition | undefined => {
    const src = sheet.text(row, key);
    if (src === undefined) return undefined;
    try {
      return parseCondition(src, kindOf);
    } catch (err) {
      if (err instanceof ExpressionError) {
        problems.add(sheet.ref(row, key), `${key}: ${err.message} in "${src}"`);
        return undefined;
      }
      throw err;
    }
  };

  const itemsSheet = sheets.items!;
  const items = itemsSheet.rows.map((row, i) => {
    at(['items', i], itemsSheet, row, ITEM_FIELDS);
    // XLSForm style is accepted too: type "select_one freq" names the choice list.
    const [rawType, inlineList] = itemsSheet.text(row, 'type')?.split(/\s+/, 2) ?? [];
    const type = rawType && (TYPE_ALIASES[rawType.toLowerCase()] ?? rawType.toLowerCase());
    const listName = itemsSheet.text(row, 'choices') ?? inlineList;
    let options: Json[] | undefined;
    if (listName) {
      const list = lists.get(listName);
      if (!list) problems.add(itemsSheet.ref(row, 'choices'), `unknown choice list "${listName}"${ch ? '' : ' (there is no choices sheet)'}`);
      else
        options = list.map((o, j) => {
          at(['items', i, 'options', j], ch!, o.row, OPTION_FIELDS);
          return o.option;
        });
    }
    return defined({
      id: itemsSheet.text(row, 'id'),
      type,
      text: itemsSheet.text(row, 'text'),
      textEn: itemsSheet.text(row, 'text_en'),
      required: itemsSheet.bool(row, 'required'),
      options,
      showIf: condition(itemsSheet, row, 'show_if'),
      min: itemsSheet.num(row, 'min'),
      max: itemsSheet.num(row, 'max'),
      unit: itemsSheet.text(row, 'unit'),
      maxLength: itemsSheet.num(row, 'max_length'),
      help: itemsSheet.text(row, 'help'),
      helpEn: itemsSheet.text(row, 'help_en'),
    });
  });

  const scores = (sc?.rows ?? []).map((row, k) => {
    at(['scores', k], sc!, row, SCORE_FIELDS);
    const map = sc!
      .text(row, 'map')
      ?.split(/[;；\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .flatMap((entry) => {
        const m = MAP_ENTRY.exec(entry);
        if (!m) {
          problems.add(sc!.ref(row, 'map'), `map entry "${entry}" is not "min..max=value" or "value=value"`);
          return [];
        }
        return [{ min: Number(m[1]), max: Number(m[2] ?? m[1]), value: Number(m[3]) }];
      });
    return defined({
      id: sc!.text(row, 'id'),
      label: sc!.text(row, 'label'),
      labelEn: sc!.text(row, 'label_en'),
      sum: splitIds(sc!.text(row, 'sum')),
      max: splitIds(sc!.text(row, 'max')),
      map,
      bands: [] as Json[],
    });
  });

  const bs = sheets.bands;
  for (const row of bs?.rows ?? []) {
    const id = bs!.text(row, 'score');
    const k = scores.findIndex((s) => s.id === id);
    if (k < 0) {
      problems.add(bs!.ref(row, 'score'), `unknown score "${id ?? ''}"`);
      continue;
    }
    const bands = scores[k].bands as Json[];
    if (!bands.length) at(['scores', k, 'bands'], bs!, row, BAND_FIELDS);
    at(['scores', k, 'bands', bands.length], bs!, row, BAND_FIELDS);
    const color = bs!.text(row, 'color');
    bands.push(
      defined({
        min: bs!.num(row, 'min'),
        max: bs!.num(row, 'max'),
        label: bs!.text(row, 'label'),
        labelEn: bs!.text(row, 'label_en'),
        color: color && (COLOR_ALIASES[color] ?? color.toLowerCase()),
        advice: bs!.text(row, 'advice'),
        adviceEn: bs!.text(row, 'advice_en'),
      }),
    );
  }

  const ts = sheets.triggers;
  const triggers = (ts?.rows ?? []).map((row, t) => {
    at(['triggers', t], ts!, row, TRIGGER_FIELDS);
    const color = ts!.text(row, 'color');
    return defined({
      id: ts!.text(row, 'id'),
      when: condition(ts!, row, 'when'),
      color: color && (COLOR_ALIASES[color] ?? color.toLowerCase()),
      message: ts!.text(row, 'message'),
      messageEn: ts!.text(row, 'message_en'),
      escalate: ts!.bool(row, 'escalate') ?? false,
    });
  });

  if (problems.list.length) return { ok: false, errors: problems.list };
  const input = defined({
    id: settings.text(head, 'id'),
    version: settings.num(head, 'version'),
    title: settings.text(head, 'title'),
    titleEn: settings.text(head, 'title_en'),
    description: settings.text(head, 'description'),
    descriptionEn: settings.text(head, 'description_en'),
    items,
    scores,
    triggers,
  });
  const parsed = parseQuestionnaire(input);
  if (parsed.ok) return parsed;
  return { ok: false, errors: parsed.issues.map((issue) => `${locate(issue.path, origins, sheets)}: ${issue.message}`) };
}

/** The cell an issue path points at: the deepest recorded row, and the field's column. */
function locate(path: (string | number)[], origins: Map<string, Origin>, sheets: Partial<Record<SheetKey, Sheet>>): string {
  for (let n = path.length; n >= 0; n--) {
    const origin = origins.get(path.slice(0, n).join('.'));
    if (!origin) continue;
    const field = path[n];
    const column = typeof field === 'string' ? origin.fields[field] : undefined;
    return origin.sheet.ref(origin.row, column ?? Object.values(origin.fields)[0]);
  }
  const top = path[0] === 'scores' ? sheets.scores : path[0] === 'triggers' ? sheets.triggers : sheets.items;
  return top?.name ?? 'workbook';
}
