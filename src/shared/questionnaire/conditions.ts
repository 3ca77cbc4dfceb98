import { isAnswered, numericOf } from './answers';
import type { Answer, Answers, Condition, Op } from './schema';

// Condition semantics (documented in docs/questionnaire-spreadsheet.md):
// - An unanswered or hidden item: `ne` is true, `answered` false, everything else false
//   (FHIR's "!=": true when no answer equals the value).
// - A multiple-choice answer: `eq` means "this option is among those selected", `ne` the
//   opposite, `in` "any of these is selected".
// - gt/gte/lt/lte compare numbers; numeric option values ("0"–"3") count as numbers.
// - A score is only compared once it is complete; until then every test on it is false
//   except `answered: false`.

export interface ScoreState {
  value: number | null;
  complete: boolean;
}

export interface ConditionContext {
  /** Answers of visible items only (see visibility.ts). */
  answers: Answers;
  scores?: ReadonlyMap<string, ScoreState>;
}

type Value = string | number | boolean | (string | number)[] | undefined;

export function evaluate(c: Condition, ctx: ConditionContext): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, ctx));
  if ('any' in c) return c.any.some((x) => evaluate(x, ctx));
  if ('score' in c) return scoreTest(ctx.scores?.get(c.score), c.op, c.value);
  return answerTest(ctx.answers[c.item], c.op, c.value);
}

function equals(a: string | string[] | number, v: unknown): boolean {
  if (Array.isArray(a)) return a.includes(String(v));
  if (typeof a === 'number') return a === Number(v);
  return a === String(v);
}

function compare(n: number | null, op: Op, v: Value): boolean {
  if (n === null || typeof v !== 'number') return false;
  switch (op) {
    case 'gt':
      return n > v;
    case 'gte':
      return n >= v;
    case 'lt':
      return n < v;
    case 'lte':
      return n <= v;
    default:
      return false;
  }
}

export function answerTest(a: Answer | undefined, op: Op, v: Value): boolean {
  const answered = isAnswered(a);
  if (op === 'answered') return answered === (v !== false);
  if (op === 'ne') return !answered || !equals(a, v);
  if (!answered) return false;
  if (op === 'eq') return equals(a, v);
  if (op === 'in') return Array.isArray(v) && v.some((x) => equals(a, x));
  return Array.isArray(a) ? false : compare(numericOf(a), op, v);
}

function scoreTest(s: ScoreState | undefined, op: Op, v: Value): boolean {
  const known = !!s && s.complete && s.value !== null;
  if (op === 'answered') return known === (v !== false);
  if (!known) return false;
  const n = s!.value!;
  if (op === 'eq') return n === Number(v);
  if (op === 'ne') return n !== Number(v);
  if (op === 'in') return Array.isArray(v) && v.some((x) => Number(x) === n);
  return compare(n, op, v);
}

/** Item and score ids a condition mentions (for tools and the UI's dependency tracking). */
export function conditionRefs(c: Condition, out: { items: Set<string>; scores: Set<string> } = { items: new Set(), scores: new Set() }) {
  if ('all' in c) c.all.forEach((x) => conditionRefs(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionRefs(x, out));
  else if ('score' in c) out.scores.add(c.score);
  else out.items.add(c.item);
  return out;
}
