import type { Item, Option, QuestionnaireDef, Score } from './schema';

// Lookups built once per definition object, so the engine can run on every keystroke.
// Definitions are treated as immutable: edit a copy, never the object in use.

export interface Compiled {
  items: Map<string, Item>;
  options: Map<string, Map<string, Option>>;
  scores: Map<string, Score>;
  /** Scores ordered so that a score comes after the scores it sums. */
  scoreOrder: Score[];
}

const cache = new WeakMap<QuestionnaireDef, Compiled>();

export function compile(def: QuestionnaireDef): Compiled {
  const hit = cache.get(def);
  if (hit) return hit;
  const items = new Map(def.items.map((it) => [it.id, it]));
  const options = new Map(def.items.map((it) => [it.id, new Map((it.options ?? []).map((o) => [o.value, o]))]));
  const scores = new Map(def.scores.map((s) => [s.id, s]));
  const scoreOrder: Score[] = [];
  const placed = new Set<string>();
  const place = (s: Score, depth: number) => {
    if (placed.has(s.id) || depth > scores.size) return;
    for (const ref of s.sum ?? s.max ?? []) {
      const sub = scores.get(ref);
      if (sub && sub !== s) place(sub, depth + 1);
    }
    placed.add(s.id);
    scoreOrder.push(s);
  };
  for (const s of def.scores) place(s, 0);
  const out = { items, options, scores, scoreOrder };
  cache.set(def, out);
  return out;
}
