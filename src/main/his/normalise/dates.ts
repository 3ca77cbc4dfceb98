// HIS dates arrive as strings in several vendor formats, or as Date objects from drivers.
// We keep them as Beijing wall-clock strings; a Date's UTC fields are taken as wall clock,
// which is what mssql's default useUTC gives for a HIS that stores local time.

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (y < 1880 || y > 2200 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

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
