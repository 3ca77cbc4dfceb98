// Beijing wall-clock time (UTC+8, no daylight saving since 1991): the store keeps every date and
// time this way, and "today" everywhere in the product is Beijing's, whatever the PC's time zone.

const OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD HH:mm:ss' in Beijing for an instant. */
export function beijingTimestamp(d: Date | number): string {
  const b = new Date((typeof d === 'number' ? d : d.getTime()) + OFFSET_MS);
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}:${pad(b.getUTCSeconds())}`;
}

/** 'YYYY-MM-DD' in Beijing for an instant. */
export const beijingDate = (d: Date | number): string => beijingTimestamp(d).slice(0, 10);

/** The instant of a Beijing wall-clock 'YYYY-MM-DD[ HH:mm[:ss]]'. */
export function beijingInstant(ts: string): Date {
  const [date, time = '00:00:00'] = ts.split(/[ T]/);
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

/** A Beijing wall-clock timestamp moved by minutes. */
export const addBeijingMinutes = (ts: string, minutes: number): string => beijingTimestamp(beijingInstant(ts).getTime() + minutes * 60_000);
