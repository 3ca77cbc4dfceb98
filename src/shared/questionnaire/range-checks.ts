import type { Band, Item, MapEntry, Score } from './schema';

// Bands must tile the values a score can take: ascending, no overlap, no gap, and covering
// the whole possible range (so every complete answer set gets a band).

export interface ScoreRange {
  lo: number | null;
  hi: number | null;
  integral: boolean;
}

const fmt = (n: number) => String(n);

/** Possible values of a score from its items' option scores and numeric min/max. */
export function scoreRange(s: Score, items: Map<string, Item>, scores: Map<string, Score>, path: ReadonlySet<string> = new Set()): ScoreRange {
  const inner = new Set(path).add(s.id);
  const refs = s.sum ?? s.max ?? [];
  const parts = refs.map((ref): ScoreRange & { optional: boolean } => {
    const it = items.get(ref);
    if (it) return { ...itemRange(it), optional: !it.required || !!it.showIf };
    const sub = scores.get(ref);
    // A sub-score may be "not applicable" when all its items are hidden.
    // (A circular reference, reported elsewhere, gives an unknown range.)
    if (sub && !inner.has(ref)) return { ...scoreRange(sub, items, scores, inner), optional: true };
    return { lo: null, hi: null, integral: true, optional: true };
  });
  const integral = parts.every((p) => p.integral);
  let lo: number | null = null;
  let hi: number | null = null;
  if (parts.every((p) => p.lo !== null && p.hi !== null)) {
    if (s.sum) {
      lo = parts.reduce((a, p) => a + (p.optional ? Math.min(0, p.lo!) : p.lo!), 0);
      hi = parts.reduce((a, p) => a + (p.optional ? Math.max(0, p.hi!) : p.hi!), 0);
    } else {
      lo = Math.min(...parts.map((p) => p.lo!));
      hi = Math.max(...parts.map((p) => p.hi!));
    }
  }
  if (!s.map) return { lo, hi, integral };
  const reachable = s.map.filter((m) => lo === null || hi === null || (m.max >= lo && m.min <= hi));
  const values = reachable.map((m) => m.value);
  return {
    lo: values.length ? Math.min(...values) : null,
    hi: values.length ? Math.max(...values) : null,
    integral: s.map.every((m) => Number.isInteger(m.value)),
  };
}

function itemRange(it: Item): ScoreRange {
  if (it.type === 'integer' || it.type === 'decimal') {
    return { lo: it.min ?? null, hi: it.max ?? null, integral: it.type === 'integer' };
  }
  const scored = (it.options ?? []).map((o) => o.score).filter((x): x is number => x !== undefined);
  const unscored = (it.options ?? []).some((o) => o.score === undefined);
  const integral = scored.every(Number.isInteger);
  if (!scored.length) return { lo: 0, hi: 0, integral };
  if (it.type === 'multiple') {
    const neg = scored.filter((x) => x < 0).reduce((a, b) => a + b, 0);
    const pos = scored.filter((x) => x > 0).reduce((a, b) => a + b, 0);
    return { lo: neg < 0 ? neg : Math.min(...scored), hi: pos > 0 ? pos : Math.max(...scored), integral };
  }
  const lo = Math.min(...scored);
  const hi = Math.max(...scored);
  return unscored ? { lo: Math.min(0, lo), hi: Math.max(0, hi), integral } : { lo, hi, integral };
}

export function checkBands(bands: Band[], range: ScoreRange, where: string): string[] {
  const out: string[] = [];
  bands.forEach((b) => {
    if (b.min > b.max) out.push(`${where}: band "${b.label}" has min ${fmt(b.min)} greater than max ${fmt(b.max)}`);
  });
  for (let k = 1; k < bands.length; k++) {
    const a = bands[k - 1];
    const b = bands[k];
    if (b.min <= a.min) {
      out.push(`${where}: bands must be in ascending order ("${b.label}" comes after "${a.label}")`);
      continue;
    }
    // Whole-number scores: 0–4 then 5–9. Decimal scores: 0–5 then 5–10, the shared edge
    // belonging to the upper band.
    const next = range.integral ? a.max + 1 : a.max;
    if (b.min < next) out.push(`${where}: bands "${a.label}" (${fmt(a.min)}–${fmt(a.max)}) and "${b.label}" (${fmt(b.min)}–${fmt(b.max)}) overlap`);
    else if (b.min > next)
      out.push(
        `${where}: gap between bands "${a.label}" (…${fmt(a.max)}) and "${b.label}" (${fmt(b.min)}…)${range.integral ? '' : '; decimal bands must share their edge'}`,
      );
  }
  if (!out.length && bands.length && range.lo !== null && range.hi !== null) {
    const first = bands[0];
    const last = bands[bands.length - 1];
    if (first.min > range.lo || last.max < range.hi) {
      out.push(`${where}: bands cover ${fmt(first.min)}–${fmt(last.max)} but the score can be ${fmt(range.lo)}–${fmt(range.hi)}`);
    }
  }
  return out;
}

export function checkMap(map: MapEntry[], where: string): string[] {
  const out: string[] = [];
  map.forEach((m, i) => {
    if (m.min > m.max) out.push(`${where}: map entry ${i + 1} has min ${fmt(m.min)} greater than max ${fmt(m.max)}`);
    map.slice(0, i).forEach((o, j) => {
      if (m.min <= o.max && o.min <= m.max)
        out.push(`${where}: map entries ${j + 1} (${fmt(o.min)}–${fmt(o.max)}) and ${i + 1} (${fmt(m.min)}–${fmt(m.max)}) overlap`);
    });
  });
  return out;
}
