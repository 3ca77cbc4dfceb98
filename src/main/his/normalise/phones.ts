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
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  if (land) return { number: `${land[1]}-${land[2]}`, kind: 'landline' };
  return 'invalid';
}
