import { COMPOUND_SURNAMES } from '../../shared/compound-surnames';

// The check's samples follow the app's masks (auth/permissions.ts for ID numbers and phones,
// messaging/text.ts for names); kept here so the HIS folder depends on neither.

/** 张三丰 → 张**, 欧阳娜娜 → 欧阳**. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** 110101********1234. */
export const maskIdNumber = (id: string): string => (id.length <= 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4));

/** 138****8000. */
export const maskPhone = (phone: string): string =>
  phone.length < 7 ? '*'.repeat(phone.length) : phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
