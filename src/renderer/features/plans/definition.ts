import type { TFunction } from 'i18next';
import { planDefinitionSchema, type PlanDefinition, type PlanDefinitionInput } from '../../../shared/plans/schema';
import { issueText } from './issues';

// The editor works on a plain object; before preview or save, empty form fields (null from a
// cleared number box, '' from a cleared text box) are dropped so optional fields stay absent,
// and the shared schema is checked here first so errors show by the form, not as a 400.

export function stripEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripEmpty).filter((v) => v !== '' && v !== null && v !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined || v === '') continue;
      const s = stripEmpty(v);
      // An optional reference left blank ({ id: '' } → {}) means "none".
      if (s && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).length === 0) continue;
      out[k] = s;
    }
    return out;
  }
  return typeof value === 'string' ? value.trim() : value;
}

export type Checked = { ok: true; definition: PlanDefinition } | { ok: false; issues: string[] };

/** The schema's verdict, its complaints in the UI's language (issues.ts); unknown keys are refused. */
export function checkDefinition(raw: unknown, t: TFunction, lang: string): Checked {
  const r = planDefinitionSchema.safeParse(stripEmpty(raw));
  if (r.success) return { ok: true, definition: r.data };
  return { ok: false, issues: r.error.issues.map((i) => issueText(i, t, lang)) };
}

/** A copy of a template under a new code and name, ready to save as a new plan. */
export function fromTemplate(def: PlanDefinition, code: string, name: string, nameEn?: string): PlanDefinitionInput {
  const copy: PlanDefinitionInput = { ...structuredClone(def), code, name };
  delete copy.nameEn;
  return nameEn?.trim() ? { ...copy, nameEn: nameEn.trim() } : copy;
}

/** Questionnaire ids the templates use: the suggestions for a point's questionnaire. */
export function questionnaireIds(defs: PlanDefinition[]): string[] {
  const ids = new Set<string>();
  for (const d of defs)
    for (const tr of d.tracks) {
      if (tr.questionnaire) ids.add(tr.questionnaire.id);
      for (const p of [...tr.points, ...tr.cycles]) if (p.questionnaire) ids.add(p.questionnaire.id);
    }
  return [...ids].sort();
}
