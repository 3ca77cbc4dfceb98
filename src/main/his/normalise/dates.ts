// HIS dates arrive as strings in several vendor formats, or as Date objects from drivers.
// We keep them as Beijing wall-clock strings; a Date's UTC fields are taken as wall clock,
// which is what mssql's default useUTC gives for a HIS that stores local time.

const pad = (n: number) => String(n).padStart(2, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

function valid(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (y < 1880 || y > 2200 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= (mo === 2 && leap(y) ? 29 : MONTH_DAYS[mo - 1]);
}

// Most HIS columns already hold this exact form: checked in place, without re-assembling it.
const CANONICAL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const num = (s: string, from: number, to: number) => Number(s.slice(from, to));

const PATTERNS: RegExp[] = [
  // 2025-03-14 08:30:00 / 2025/03/14T08:30:00.000
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/,
  // Winning-style char(16): 2025031408:30:00
  /^(\d{4})(\d{2})(\d{2})(\d{2}):(\d{2}):(\d{2})$/,
  // 20250314083000 / 20250314
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/,
];

/** 'YYYY-MM-DD HH:mm:ss', or null when the value is not a real date in a known format. */
export function parseWallClock(raw: unknown): string | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    return `${raw.getUTCFullYear()}-${pad(raw.getUTCMonth() + 1)}-${pad(raw.getUTCDate())} ${pad(raw.getUTCHours())}:${pad(raw.getUTCMinutes())}:${pad(raw.getUTCSeconds())}`;
  }
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (CANONICAL.test(s)) return valid(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16), num(s, 17, 19)) ? s : null;
  for (const re of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const [y, mo, d, h, mi, se] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    if (!valid(y, mo, d, h, mi, se)) return null;
    return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(se)}`;
  }
  return null;
}

export const parseDate = (raw: unknown): string | null => parseWallClock(raw)?.slice(0, 10) ?? null;
