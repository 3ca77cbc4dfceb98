import type { Condition, Item, QuestionnaireDef, Score } from './schema';
import { checkBands, checkMap, scoreRange } from './range-checks';

// Cross-reference checks on a definition that already has the right shape. Each problem is
// reported with a path (for tools) and a message that names the item, score or trigger.

export interface DefinitionIssue {
  path: (string | number)[];
  message: string;
}

const CHOICE = new Set(['single', 'multiple']);
const NUMERIC = new Set(['integer', 'decimal']);
const isNumeric = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

export function checkDefinition(def: QuestionnaireDef): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  const names = new Map<string, string>();
  const claim = (id: string, what: string, path: (string | number)[]) => {
    const prior = names.get(id);
    if (prior) add(path, `${what}: duplicate id (already used by ${prior})`);
    else names.set(id, what);
  };
  def.items.forEach((it, i) => claim(it.id, `item "${it.id}"`, ['items', i, 'id']));
  def.scores.forEach((s, i) => claim(s.id, `score "${s.id}"`, ['scores', i, 'id']));
  const triggerIds = new Set<string>();
  def.triggers.forEach((t, i) => {
    if (triggerIds.has(t.id)) add(['triggers', i, 'id'], `trigger "${t.id}": duplicate id`);
    triggerIds.add(t.id);
  });

  const items = new Map(def.items.map((it) => [it.id, it]));
  const scores = new Map(def.scores.map((s) => [s.id, s]));
  def.items.forEach((it, i) => checkItem(it, i, def.items, items, add));
  def.scores.forEach((s, i) => checkScore(s, i, items, scores, add));
  for (const cycle of scoreCycles(def.scores)) add(['scores'], `score "${cycle[0]}": circular reference ${cycle.join(' → ')}`);
  // Unknown references only widen the computed range to "unknown", so bands are still checked.
  def.scores.forEach((s, i) => {
    const where = `score "${s.id}"`;
    if (s.map) checkMap(s.map, where).forEach((m) => add(['scores', i, 'map'], m));
    if (s.bands.length) checkBands(s.bands, scoreRange(s, items, scores), where).forEach((m) => add(['scores', i, 'bands'], m));
  });
  def.triggers.forEach((t, i) => checkCondition(t.when, `trigger "${t.id}"`, ['triggers', i, 'when'], items, scores, null, add));
  return issues;
}

type Add = (path: (string | number)[], message: string) => void;

function checkItem(it: Item, i: number, all: Item[], items: Map<string, Item>, add: Add): void {
  const where = `item "${it.id}"`;
  const at = (k: string | number, ...rest: (string | number)[]) => ['items', i, k, ...rest];
  if (CHOICE.has(it.type)) {
    if (!it.options?.length) add(at('options'), `${where}: a ${it.type} choice item needs options`);
    const seen = new Set<string>();
    it.options?.forEach((o, j) => {
      if (seen.has(o.value)) add(at('options', j, 'value'), `${where}: duplicate option value "${o.value}"`);
      seen.add(o.value);
      if (o.exclusive && it.type !== 'multiple') add(at('options', j, 'exclusive'), `${where}: only multiple-choice options can be exclusive`);
    });
  } else if (it.options) add(at('options'), `${where}: only single/multiple items have options (type is ${it.type})`);
  if (!NUMERIC.has(it.type)) {
    for (const k of ['min', 'max', 'unit'] as const) if (it[k] !== undefined) add(at(k), `${where}: ${k} is only for integer/decimal items`);
  } else {
    if (it.min !== undefined && it.max !== undefined && it.min > it.max) add(at('min'), `${where}: min ${it.min} is greater than max ${it.max}`);
    if (it.type === 'integer')
      for (const k of ['min', 'max'] as const)
        if (it[k] !== undefined && !Number.isInteger(it[k])) add(at(k), `${where}: ${k} of an integer item must be whole`);
  }
  if (it.maxLength !== undefined && it.type !== 'text') add(at('maxLength'), `${where}: maxLength is only for text items`);
  if (it.type === 'display' && it.required) add(at('required'), `${where}: a display item cannot be required`);
  if (it.showIf) {
    const earlier = new Set(all.slice(0, i).map((x) => x.id));
    checkCondition(it.showIf, where, at('showIf'), items, new Map(), earlier, add);
  }
}

function checkScore(s: Score, i: number, items: Map<string, Item>, scores: Map<string, Score>, add: Add): void {
  const where = `score "${s.id}"`;
  const refs = s.sum ?? s.max;
  if (!!s.sum === !!s.max) {
    add(['scores', i], `${where}: give exactly one of sum or max`);
    return;
  }
  const key = s.sum ? 'sum' : 'max';
  refs!.forEach((ref, j) => {
    const it = items.get(ref);
    if (it) {
      if (!CHOICE.has(it.type) && !NUMERIC.has(it.type)) add(['scores', i, key, j], `${where}: item "${ref}" is ${it.type} and cannot be scored`);
      else if (CHOICE.has(it.type) && !it.options?.some((o) => o.score !== undefined))
        add(['scores', i, key, j], `${where}: item "${ref}" has no option with a score`);
    } else if (ref === s.id) add(['scores', i, key, j], `${where}: refers to itself`);
    else if (!scores.has(ref)) add(['scores', i, key, j], `${where}: unknown item or score "${ref}"`);
  });
}

/** Scores may sum other scores; report each cycle once. */
function scoreCycles(scores: Score[]): string[][] {
  const byId = new Map(scores.map((s) => [s.id, s]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (id: string, stack: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      cycles.push([...stack.slice(stack.indexOf(id)), id]);
      return;
    }
    state.set(id, 'open');
    for (const ref of byId.get(id)?.sum ?? byId.get(id)?.max ?? []) if (byId.has(ref) && ref !== id) visit(ref, [...stack, id]);
    state.set(id, 'done');
  };
  for (const s of scores) visit(s.id, []);
  return cycles;
}

/**
 * `earlier` (for showIf) limits references to items asked before this one, so visibility is
 * decided in one pass and cannot loop; scores are not allowed there for the same reason.
 */
function checkCondition(
  c: Condition,
  where: string,
  path: (string | number)[],
  items: Map<string, Item>,
  scores: Map<string, unknown>,
  earlier: Set<string> | null,
  add: Add,
): void {
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    list.forEach((sub, j) => checkCondition(sub, where, [...path, 'all' in c ? 'all' : 'any', j], items, scores, earlier, add));
    return;
  }
  if ('score' in c) {
    if (earlier) add(path, `${where}: showIf cannot depend on score "${c.score}"`);
    else if (!scores.has(c.score)) add(path, `${where}: condition refers to unknown score "${c.score}"`);
    else if (c.op !== 'answered' && !numberValues(c.value)) add([...path, 'value'], `${where}: score "${c.score}" is compared with a non-number`);
    return;
  }
  const it = items.get(c.item);
  if (!it) {
    add(path, `${where}: condition refers to unknown item "${c.item}"`);
    return;
  }
  if (earlier && !earlier.has(c.item)) {
    add(path, `${where}: showIf must refer to an item asked before it, not "${c.item}"`);
    return;
  }
  if (it.type === 'display') {
    add(path, `${where}: condition refers to display item "${c.item}", which has no answer`);
    return;
  }
  if (c.op === 'answered') return;
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (CHOICE.has(it.type)) {
    const opts = new Set(it.options?.map((o) => o.value));
    if (['gt', 'gte', 'lt', 'lte'].includes(c.op)) {
      if (it.type === 'multiple') add(path, `${where}: "${c.op}" cannot compare the multiple-choice item "${c.item}"`);
      else if (![...opts].every(isNumeric)) add(path, `${where}: "${c.op}" needs numeric option values on "${c.item}"`);
      return;
    }
    for (const v of values) if (!opts.has(String(v))) add([...path, 'value'], `${where}: "${v}" is not an option value of item "${c.item}"`);
  } else if (NUMERIC.has(it.type)) {
    if (!numberValues(c.value)) add([...path, 'value'], `${where}: item "${c.item}" is a number, compare it with numbers`);
  } else if (['gt', 'gte', 'lt', 'lte'].includes(c.op)) {
    add(path, `${where}: "${c.op}" cannot compare the ${it.type} item "${c.item}"`);
  }
}

const numberValues = (v: unknown) => (Array.isArray(v) ? v : [v]).every((x) => typeof x === 'number');
