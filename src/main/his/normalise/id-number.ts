// GB 11643-1999 citizen identity numbers (公民身份号码), 18-digit and legacy 15-digit.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export interface ParsedIdNumber {
  /** Trimmed, upper-cased input; never "repaired" or upgraded to 18 digits. */
  normalized: string;
  kind: '18' | '15';
  valid: boolean;
  /** YYYY-MM-DD; only set when the number is valid, because an invalid number's digits can't be trusted. */
  birthDate: string | null;
  /** GB/T 2261.1: '1' male, '2' female; only set when valid. */
  sexCode: '1' | '2' | null;
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(`idCheckChar needs exactly 17 digits, got '${first17}'`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Returns 'YYYY-MM-DD' when the parts form a real calendar date, else null. */
function realDate(yyyy: string, mm: string, dd: string): string | null {
  const y = Number(yyyy);
  const m = Number(mm);
  const d = Number(dd);
  // Years outside this range are typos; the official example 440524188001010014 is from 1880.
  if (y < 1800 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const monthDays = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > monthDays[m - 1]) return null;
  return `${yyyy}-${mm}-${dd}`;
}

function sexFromDigit(ch: string): '1' | '2' {
  return (ch.charCodeAt(0) - 48) % 2 === 1 ? '1' : '2';
}

export function parseIdNumber(raw: string | null | undefined): ParsedIdNumber | null {
  if (raw === null || raw === undefined) return null;
  const normalized = String(raw).trim().toUpperCase();
  if (normalized === '') return null;

  if (/^\d{17}[\dX]$/.test(normalized)) {
    const birth = realDate(normalized.slice(6, 10), normalized.slice(10, 12), normalized.slice(12, 14));
    const valid = birth !== null && idCheckChar(normalized.slice(0, 17)) === normalized[17];
    return {
      normalized,
      kind: '18',
      valid,
      birthDate: valid ? birth : null,
      sexCode: valid ? sexFromDigit(normalized[16]) : null,
    };
  }

  if (/^\d{15}$/.test(normalized)) {
    // Legacy numbers were issued to people born in the 1900s and carry no check digit.
    const birth = realDate(`19${normalized.slice(6, 8)}`, normalized.slice(8, 10), normalized.slice(10, 12));
    const valid = birth !== null;
    return {
      normalized,
      kind: '15',
      valid,
      birthDate: birth,
      sexCode: valid ? sexFromDigit(normalized[14]) : null,
    };
  }

  return {
    normalized,
    kind: normalized.length === 15 ? '15' : '18',
    valid: false,
    birthDate: null,
    sexCode: null,
  };
}
