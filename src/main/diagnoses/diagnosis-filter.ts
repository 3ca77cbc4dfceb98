import type { Knex } from 'knex';
import type { DiagnosisTermExpansion as TermExpansion } from '../../shared/contract/patients';
import { diagnosisTerms, firstReversedRange, parseDiagnosisTerm, synonymKey } from '../../shared/diagnosis-terms';
import { ApiError } from '../api/errors';
import { diagnosisSynonyms, type DiagnosisSynonyms } from './diagnosis-synonyms';

export { diagnosisTerms };

/** What each term stands for; a reversed range (C99-C00) is refused rather than matching nothing. */
export function expandDiagnosis(text: string, synonyms: DiagnosisSynonyms): TermExpansion[] {
  const reversed = firstReversedRange(text);
  // As an issue: the screen shows an issue's text, where a bare invalid_input says only "输入有误".
  if (reversed) throw new ApiError('invalid_input', reversed, [{ path: '', message: reversed }]);
  return diagnosisTerms(text).map((raw) => {
    const t = parseDiagnosisTerm(raw);
    if (t.kind === 'range') return { term: t.term, kind: t.kind, categories: [`${t.from}-${t.to}`] };
    if (t.kind === 'code') return { term: t.term, kind: t.kind, categories: [t.prefix] };
    return { term: t.term, kind: t.kind, categories: [...(synonyms.get(synonymKey(t.term)) ?? [])] };
  });
}

const betweenOf = (cat: string): [string, string] => {
  const [from, to] = cat.split('-');
  return [from, to ?? from];
};

/**
 * Resolves codes, ranges and keywords against the (small) diagnosis dictionary, so that the
 * encounter query filters by an indexed list of codes instead of scanning names. A keyword
 * reaches the categories its synonyms name (肺癌 → C33-C34) plus every code whose name holds it.
 */
export async function resolveDiagnosisCodes(knex: Knex, text: string, synonyms: DiagnosisSynonyms = diagnosisSynonyms()): Promise<string[]> {
  const codes = new Set<string>();
  for (const term of expandDiagnosis(text, synonyms)) {
    let q = knex('diagnosis_dict').select('code_raw');
    if (term.kind === 'range') q = q.whereBetween('code_category', betweenOf(term.categories[0]));
    else if (term.kind === 'code') {
      const prefix = term.categories[0];
      // Prefix match done as a range so the unique index on code_raw serves it.
      q = q.where('code_raw', '>=', prefix).andWhere('code_raw', '<', `${prefix}\uffff`);
    } else
      q = q.where((w) => {
        w.where('name', 'like', `%${term.term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
        for (const cat of term.categories) w.orWhereBetween('code_category', betweenOf(cat));
      });
    for (const row of await q) codes.add(row.code_raw as string);
  }
  return [...codes].sort();
}
