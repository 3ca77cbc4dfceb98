import type { Anchor, Channel, Offset, Track } from './schema';

// Calendar arithmetic on wall-clock dates ('YYYY-MM-DD'). Everything is done on integer day
// numbers and Date.UTC, never on local-time Date objects, so the result does not depend on
// the machine's time zone. Month offsets are always counted from the anchor (anchor + 3k
// months), never chained, so Jan 31 + 1 month = Feb 28/29 and + 2 months = Mar 31.

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

const daysInMonth = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** Calendar months; the day is clamped to the target month's last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m0 = Number(date.slice(5, 7)) - 1 + months;
  const ty = y + Math.floor(m0 / 12);
  const tm0 = ((m0 % 12) + 12) % 12;
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(ty, tm0));
  return `${pad(ty, 4)}-${pad(tm0 + 1)}-${pad(d)}`;
}

/** An offset as (calendar months, days): years and months first, then weeks and days. */
export interface Span {
  months: number;
  days: number;
}

export const spanOf = (o: Offset): Span => ({ months: (o.years ?? 0) * 12 + (o.months ?? 0), days: (o.weeks ?? 0) * 7 + (o.days ?? 0) });

export const addSpan = (date: string, s: Span): string => addDays(s.months ? addMonths(date, s.months) : date, s.days);

/** For ordering spans without an anchor (30.44 days per month). */
const approxDays = (s: Span) => s.months * 30.436875 + s.days;

export interface ExpandedPoint {
  /** Position in the track's date order; with the track id it identifies the point. */
  index: number;
  at: Span;
  label: string | null;
  labelEn: string | null;
  /** 1 for a cycle's first repeat, 2 for its second …; null for an explicit point. */
  cycle: number | null;
  windowBefore: number;
  windowAfter: number;
  questionnaire: { id: string; version?: number } | null;
  education: string[];
  channel: Channel;
}

export const DEFAULT_WINDOW = { before: 3, after: 7 };
const MAX_POINTS = 500;

/** The track's explicit points and repeating cycles as one list in date order, duplicates dropped. */
export function expandTrack(track: Track): ExpandedPoint[] {
  type P = Omit<ExpandedPoint, 'index'>;
  const base = (f: Partial<Track> | Track['points'][number] | Track['cycles'][number], at: Span, cycle: number | null = null): P => ({
    at,
    label: f.label ?? track.label ?? null,
    // The English follows the Chinese it translates: a point's own label with its own English only.
    labelEn: f.label !== undefined ? (f.labelEn ?? null) : (track.labelEn ?? null),
    cycle,
    windowBefore: (f.window ?? track.window ?? DEFAULT_WINDOW).before,
    windowAfter: (f.window ?? track.window ?? DEFAULT_WINDOW).after,
    questionnaire: f.questionnaire ?? track.questionnaire ?? null,
    education: f.education ?? track.education ?? [],
    channel: f.channel ?? track.channel ?? 'call',
  });
  const out: P[] = track.points.map((p) => base(p, spanOf(p.at)));
  for (const c of track.cycles) {
    const every = spanOf(c.every);
    if (approxDays(every) < 1) continue;
    const from = c.from ? spanOf(c.from) : every;
    // The schema asks for exactly one of until / count; a count alone bounds the loop.
    const until = c.until ? approxDays(spanOf(c.until)) + 1e-6 : Infinity;
    const count = c.count ?? Infinity;
    for (let k = 0; k < count && out.length < MAX_POINTS; k++) {
      const at = { months: from.months + k * every.months, days: from.days + k * every.days };
      if (approxDays(at) > until) break;
      out.push(base(c, at, k + 1));
    }
  }
  const seen = new Set<string>();
  return out
    .map((p, i) => ({ p, i }))
    .sort((a, b) => approxDays(a.p.at) - approxDays(b.p.at) || a.i - b.i)
    .filter(({ p }) => {
      const key = `${p.at.months}/${p.at.days}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ p }, index) => ({ index, ...p }));
}

export interface PointDates {
  due: string;
  windowStart: string;
  windowEnd: string;
}

export function pointDates(anchorDate: string, p: Pick<ExpandedPoint, 'at' | 'windowBefore' | 'windowAfter'>): PointDates {
  const due = addSpan(anchorDate, p.at);
  return { due, windowStart: addDays(due, -p.windowBefore), windowEnd: addDays(due, p.windowAfter) };
}

export interface AnchorDates {
  eventDate: string;
  admitDate: string | null;
  treatmentStartDate: string | null;
}

/** The date a track counts from, for one enrolment. */
export function anchorDateFor(anchor: Anchor, a: AnchorDates): string {
  if (anchor === 'admission') return a.admitDate ?? a.eventDate;
  if (anchor === 'treatment_start') return a.treatmentStartDate ?? a.admitDate ?? a.eventDate;
  return a.eventDate;
}
