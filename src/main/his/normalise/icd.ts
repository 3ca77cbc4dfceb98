// ICD-10 codes with Chinese extensions (国临版/医保版: I10.x00x002, E14.900x001) keep the raw
// code for display; plan and range matching use only the 3-character category.
const CODE = /^([A-Z]\d{2})(\.[0-9A-Za-z]{1,12})?\+?$/;

export function parseIcdCode(raw: unknown): { code: string; category: string } | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  const upperFirst = s.charAt(0).toUpperCase() + s.slice(1);
  const m = CODE.exec(upperFirst);
  return m ? { code: upperFirst, category: m[1] } : null;
}

/** Is the 3-character category inside a range such as C00-C97 (inclusive)? */
export function categoryInRange(category: string, from: string, to: string): boolean {
  return category >= from.slice(0, 3).toUpperCase() && category <= to.slice(0, 3).toUpperCase();
}
