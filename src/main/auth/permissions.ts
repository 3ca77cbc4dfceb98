import type { Role } from '../../shared/model';

// Nurses dial patients, so they see phone numbers in full; nobody but the admin sees a whole
// ID number by default (the header shows 110101********1234).
export const canSeeFullPhone = (role: Role): boolean => role === 'nurse' || role === 'admin';
export const canSeeFullIdNumber = (role: Role): boolean => role === 'admin';

export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
