import { compile } from './compiled';
import { evaluate, type ScoreState } from './conditions';
import type { Answer, Answers, Band, QuestionnaireDef, Score, TriggerColor, WarningColor } from './schema';
import { resolveVisibility } from './visibility';

export interface BandResult {
  min: number;
  max: number;
  label: string;
  labelEn: string;
  color: WarningColor;
  advice?: string;
  adviceEn?: string;
}

export interface ScoreResult {
  id: string;
  label: string;
  labelEn: string;
  /** The score (after `map`); a running total while incomplete; null when nothing counts yet. */
  value: number | null;
  /** The sum/max before `map`. */
  raw: number | null;
  /** Every required, visible item it depends on is answered. Bands and triggers wait for this. */
  complete: boolean;
  /** False when every item it depends on is hidden (e.g. the KPS branch when ECOG was chosen). */
  applicable: boolean;
  /** Required visible items still unanswered. */
  missing: string[];
  band: BandResult | null;
}

export interface TriggerResult {
  id: string;
  color: TriggerColor;
  message: string;
  messageEn: string;
  escalate: boolean;
}

export interface ScoreOutcome {
  scores: ScoreResult[];
  triggers: TriggerResult[];
  /** The worst of the complete scores' bands and the fired triggers; green when none. */
  warningColor: WarningColor;
  /** Some fired trigger demands an escalation note. */
  escalate: boolean;
}

const RANK: Record<WarningColor, number> = { green: 0, yellow: 1, orange: 2, red: 3 };
export const worstColor = (colors: WarningColor[]): WarningColor => colors.reduce<WarningColor>((w, c) => (RANK[c] > RANK[w] ? c : w), 'green');

/** Decimal bands share edges; the edge belongs to the upper band, hence the search from the top. */
export function bandOf(bands: Band[], value: number): Band | null {
  for (let i = bands.length - 1; i >= 0; i--) if (value >= bands[i].min && value <= bands[i].max) return bands[i];
  return null;
}

/** Option score, or the number itself; null when the answer adds nothing. */
function contribution(def: QuestionnaireDef, itemId: string, a: Answer): number | null {
  const c = compile(def);
  const it = c.items.get(itemId)!;
  if (it.type === 'integer' || it.type === 'decimal') return typeof a === 'number' && Number.isFinite(a) ? a : null;
  const opts = c.options.get(itemId)!;
  const picked = Array.isArray(a) ? a : typeof a === 'string' ? [a] : [];
  const scores = picked.map((v) => opts.get(v)?.score).filter((x): x is number => x !== undefined);
  return scores.length ? scores.reduce((x, y) => x + y, 0) : null;
}

function computeScore(def: QuestionnaireDef, s: Score, visible: Set<string>, answers: Record<string, Answer>, done: Map<string, ScoreResult>): ScoreResult {
  const { items } = compile(def);
  const parts: number[] = [];
  const missing: string[] = [];
  let applicable = false;
  for (const ref of s.sum ?? s.max ?? []) {
    if (items.has(ref)) {
      if (!visible.has(ref)) continue;
      applicable = true;
      const a = answers[ref];
      if (a === undefined) {
        if (items.get(ref)!.required) missing.push(ref);
        continue;
      }
      const n = contribution(def, ref, a);
      if (n !== null) parts.push(n);
    } else {
      const sub = done.get(ref);
      if (!sub || !sub.applicable) continue;
      applicable = true;
      missing.push(...sub.missing);
      if (sub.value !== null) parts.push(sub.value);
    }
  }
  const raw = parts.length ? (s.sum ? parts.reduce((x, y) => x + y, 0) : Math.max(...parts)) : null;
  let value = raw;
  if (s.map && raw !== null) value = s.map.find((m) => raw >= m.min && raw <= m.max)?.value ?? null;
  const complete = applicable && missing.length === 0;
  const band = complete && value !== null ? bandOf(s.bands, value) : null;
  return { id: s.id, label: s.label, labelEn: s.labelEn, value, raw, complete, applicable, missing, band: band && { ...band } };
}

/**
 * Scores, bands and fired triggers for an answer set. Pure and cheap: meant to run on every
 * keystroke. Hidden items' answers are ignored; unanswered optional items add nothing.
 */
export function score(def: QuestionnaireDef, answers: Answers): ScoreOutcome {
  const c = compile(def);
  const { visible, answers: effective } = resolveVisibility(def, answers);
  const done = new Map<string, ScoreResult>();
  for (const s of c.scoreOrder) done.set(s.id, computeScore(def, s, visible, effective, done));
  const states: ReadonlyMap<string, ScoreState> = done;
  const triggers: TriggerResult[] = def.triggers
    .filter((t) => evaluate(t.when, { answers: effective, scores: states }))
    .map((t) => ({ id: t.id, color: t.color, message: t.message, messageEn: t.messageEn, escalate: t.escalate }));
  const scores = def.scores.map((s) => done.get(s.id)!);
  const colors = [...scores.flatMap((s) => (s.band ? [s.band.color] : [])), ...triggers.map((t) => t.color)];
  return { scores, triggers, warningColor: worstColor(colors), escalate: triggers.some((t) => t.escalate) };
}
