import type { Compiled } from '../compiled';
import type { Condition, Score } from '../schema';

// FHIRPath for what enableWhen cannot say (nested groups, > on a choice) and for scores
// (SDC calculatedExpression). Disabled items are absent from a response, so hidden answers
// drop out of these expressions just as they do in the engine.

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const answerOf = (linkId: string) => `%resource.repeat(item).where(linkId=${q(linkId)}).answer.value`;
const lit = (v: unknown) => (typeof v === 'number' ? String(v) : q(String(v)));
const CMP: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

export function conditionToFhirPath(c: Condition, compiled: Compiled): string {
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    return `(${list.map((x) => conditionToFhirPath(x, compiled)).join('all' in c ? ' and ' : ' or ')})`;
  }
  const id = 'score' in c ? c.score : c.item;
  const it = compiled.items.get(id);
  const choice = it?.type === 'single' || it?.type === 'multiple';
  const ref = choice ? `${answerOf(id)}.code` : answerOf(id);
  switch (c.op) {
    case 'answered':
      return c.value === false ? `${ref}.empty()` : `${ref}.exists()`;
    case 'eq':
      return `(${ref} contains ${lit(c.value)})`;
    case 'ne':
      return `(${ref} contains ${lit(c.value)}).not()`;
    case 'in':
      return `${ref}.intersect(${(c.value as (string | number)[]).map(lit).join(' | ')}).exists()`;
    default:
      return `(${choice ? `${ref}.toDecimal()` : ref} ${CMP[c.op]} ${lit(c.value)})`;
  }
}

/** The expression computing a score from the response (choice answers via ordinal()). */
export function scoreToFhirPath(s: Score, compiled: Compiled): { expression: string; variable?: string } {
  const parts = (s.sum ?? s.max ?? []).map((ref) => {
    const it = compiled.items.get(ref);
    return it && (it.type === 'single' || it.type === 'multiple') ? `${answerOf(ref)}.ordinal()` : answerOf(ref);
  });
  const all = parts.slice(1).reduce((acc, p) => `${acc}.combine(${p})`, parts[0]);
  // No init value: a score with nothing answered stays empty (as in the engine) rather than 0.
  const raw = s.sum ? `${all}.aggregate(iif($total.empty(), $this, $this + $total))` : `${all}.aggregate(iif($total.empty() or $this > $total, $this, $total))`;
  if (!s.map) return { expression: raw };
  const mapped = s.map.reduceRight((rest, m) => `iif(%raw >= ${m.min} and %raw <= ${m.max}, ${m.value}, ${rest})`, '{}');
  return { expression: mapped, variable: raw };
}
