import type { Knex } from 'knex';

const RANGE = /^([A-Za-z]\d{2})(?:\.[0-9A-Za-z]*)?\s*[-~－—]\s*([A-Za-z]\d{2})(?:\.[0-9A-Za-z]*)?$/;
const CODE = /^[A-Za-z]\d{2}(\.[0-9A-Za-z]*)?$/;

/** Splits "C00-C97, 肺癌 I10" into terms; ranges may be written with spaces around the dash. */
export function diagnosisTerms(text: string): string[] {
  return text
    .replace(/\s*[-~－—]\s*/g, '-')
    .split(/[\s,，;；、]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Resolves codes, ranges and keywords against the (small) diagnosis dictionary, so that the
 * encounter query filters by an indexed list of codes instead of scanning names.
 */
export async function resolveDiagnosisCodes(knex: Knex, text: string): Promise<string[]> {
  const codes = new Set<string>();
  for (const term of diagnosisTerms(text)) {
    const range = RANGE.exec(term);
    let q = knex('diagnosis_dict').select('code_raw');
    if (range) q = q.whereBetween('code_category', [range[1].toUpperCase(), range[2].toUpperCase()]);
    else if (CODE.test(term)) {
      const prefix = term.charAt(0).toUpperCase() + term.slice(1);
      // Prefix match done as a range so the unique index on code_raw serves it.
      q = q.where('code_raw', '>=', prefix).andWhere('code_raw', '<', `${prefix}\uffff`);
    } else q = q.where('name', 'like', `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    for (const row of await q) codes.add(row.code_raw as string);
  }
  return [...codes].sort();
}
