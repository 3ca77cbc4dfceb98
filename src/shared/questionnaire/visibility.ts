import { isAnswered } from './answers';
import { evaluate } from './conditions';
import type { Answer, Answers, Item, QuestionnaireDef } from './schema';

export interface Visibility {
  /** Ids of the items shown, in questionnaire order. */
  visible: Set<string>;
  /** The answers that count: visible, answered, non-display items. Hidden answers are ignored. */
  answers: Record<string, Answer>;
}

/**
 * One pass in item order: showIf may only refer to earlier items (checked in the definition),
 * so an item hidden by its condition also hides whatever depends on it.
 */
export function resolveVisibility(def: QuestionnaireDef, answers: Answers): Visibility {
  const visible = new Set<string>();
  const effective: Record<string, Answer> = {};
  for (const it of def.items) {
    if (it.showIf && !evaluate(it.showIf, { answers: effective })) continue;
    visible.add(it.id);
    const a = answers[it.id];
    if (it.type !== 'display' && isAnswered(a)) effective[it.id] = a;
  }
  return { visible, answers: effective };
}

/** The items to show for these answers, in order (display items included). */
export function visibleItems(def: QuestionnaireDef, answers: Answers): Item[] {
  const { visible } = resolveVisibility(def, answers);
  return def.items.filter((it) => visible.has(it.id));
}

/**
 * What to store: the answers of visible items, and null for every other item (LimeSurvey
 * stores irrelevant questions as NULL), so a stale hidden answer never survives a save.
 */
export function pruneHidden(def: QuestionnaireDef, answers: Answers): Record<string, Answer> {
  const { answers: kept } = resolveVisibility(def, answers);
  const out: Record<string, Answer> = {};
  for (const it of def.items) if (it.type !== 'display') out[it.id] = kept[it.id] ?? null;
  return out;
}
