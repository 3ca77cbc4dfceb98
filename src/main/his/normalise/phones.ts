export interface NormalisedPhone {
  number: string;
  kind: 'mobile' | 'landline';
}

/**
 * Mainland mobile (1[3-9] + 9 digits) or landline with area code (0xx-xxxxxxx[x]).
 * Returns null for an empty value and 'invalid' for something that cannot be dialled.
 */
export function normalisePhone(raw: unknown): NormalisedPhone | null | 'invalid' {
  if (raw === null || raw === undefined) return null;
  let s = String(raw).trim();
  if (!s) return null;
  s = s.replace(/[\s()（）]/g, '').replace(/^(\+|00)86-?/, '');
  const digits = s.replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return { number: digits, kind: 'mobile' };
  // Split by the digits, not by where a clerk put the dash: only Beijing (010) and 020–029
  // have 3-digit area codes, every other area code has 4.
  const land = /^(010|02\d|0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (land) return { number: `${land[1]}-${land[2]}`, kind: 'landline' };
  return 'invalid';
}
