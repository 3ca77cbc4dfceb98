import { COMPOUND_SURNAMES } from '../../shared/compound-surnames';

// Pure helpers for SMS text and numbers: masking names, E.164 numbers, opt-out words.
// Two-character surnames keep both characters (欧阳娜娜 → 欧阳**); the common ones suffice,
// a rare one is masked one character early, which errs on the side of privacy.

/** 张三丰 → 张**, 欧阳娜娜 → 欧阳**, 李 → 李: keep the surname, a star for each other character. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/**
 * A stored number (HIS spelling: 13800138000, 86-138…, 0086…, +86 138 …) as E.164, or null when
 * it cannot take an SMS. Numbers without a country code are taken as Chinese; only mobiles
 * (1[3-9]xxxxxxxxx) qualify there, landlines (010-…) do not receive SMS.
 */
export function toE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().replace(/[\s\-().]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (!s.startsWith('+')) {
    if (/^1[3-9]\d{9}$/.test(s)) return `+86${s}`;
    if (/^861[3-9]\d{9}$/.test(s)) return `+${s}`;
    return null;
  }
  if (!/^\+[1-9]\d{6,14}$/.test(s)) return null;
  if (s.startsWith('+86') && !/^\+861[3-9]\d{9}$/.test(s)) return null;
  return s;
}

/** +86138****8001: the national number masked as the rest of the app masks numbers. */
export function maskE164(e164: string): string {
  const cc = e164.startsWith('+86') ? '+86' : '';
  const rest = e164.slice(cc.length);
  if (rest.length < 7) return cc + '*'.repeat(rest.length);
  return cc + rest.slice(0, 3) + '*'.repeat(rest.length - 7) + rest.slice(-4);
}

/** The spellings a stored phone may have for an E.164 number (to find its patient). */
export function storedSpellings(e164: string): string[] {
  const out = [e164, e164.slice(1), `00${e164.slice(1)}`];
  if (e164.startsWith('+86')) out.push(e164.slice(3));
  return out;
}

// Replies that opt out. Chinese carriers' convention is "回复T退订" / "TD"; Twilio's are the
// English words. Compared after trimming, upper-casing and dropping punctuation.
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
  'T',
  'TD',
  '退订',
  '退定',
  '取消订阅',
  '退出',
  '不要再发',
]);

export function isOptOutReply(body: string | null | undefined): boolean {
  if (!body) return false;
  const s = body
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return STOP_WORDS.has(s);
}
