// Calendar arithmetic on integer epoch days / seconds; avoids Date so output never depends on the host time zone.

export const SECONDS_PER_DAY = 86400;

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d];
}

/** Parses a strict, real 'YYYY-MM-DD' into an epoch day, or null. */
export function parseYmd(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const day = daysFromCivil(y, mo, d);
  const [cy, cm, cd] = civilFromDays(day);
  return cy === y && cm === mo && cd === d ? day : null;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const P2: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Formats with per-day caches because the generator formats millions of timestamps over a few thousand days. */
export class DateFmt {
  private readonly ymdCache = new Map<number, string>();
  private readonly compactCache = new Map<number, string>();

  /** 'YYYY-MM-DD' */
  ymd(day: number): string {
    let s = this.ymdCache.get(day);
    if (s === undefined) {
      const [y, m, d] = civilFromDays(day);
      s = `${String(y).padStart(4, '0')}-${P2[m]}-${P2[d]}`;
      this.ymdCache.set(day, s);
    }
    return s;
  }

  /** 'YYYYMMDD' */
  compact(day: number): string {
    let s = this.compactCache.get(day);
    if (s === undefined) {
      const [y, m, d] = civilFromDays(day);
      s = `${String(y).padStart(4, '0')}${P2[m]}${P2[d]}`;
      this.compactCache.set(day, s);
    }
    return s;
  }

  /** 'HH:MM:SS' for seconds within a day. */
  time(secOfDay: number): string {
    const h = Math.floor(secOfDay / 3600);
    const mi = Math.floor((secOfDay % 3600) / 60);
    return `${P2[h]}:${P2[mi]}:${P2[secOfDay % 60]}`;
  }

  /** 'YYYY-MM-DD HH:MM:SS' from epoch seconds. */
  dateTime(sec: number): string {
    const day = Math.floor(sec / SECONDS_PER_DAY);
    return `${this.ymd(day)} ${this.time(sec - day * SECONDS_PER_DAY)}`;
  }

  /** The vendor's char(16) 'yyyymmddhh:mi:ss' from epoch seconds. */
  vendor16(sec: number): string {
    const day = Math.floor(sec / SECONDS_PER_DAY);
    return `${this.compact(day)}${this.time(sec - day * SECONDS_PER_DAY)}`;
  }
}
