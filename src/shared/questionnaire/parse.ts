import { checkDefinition, type DefinitionIssue } from './definition-checks';
import { questionnaireShape, type QuestionnaireDef } from './schema';

export type { DefinitionIssue } from './definition-checks';

export type ParseResult = { ok: true; def: QuestionnaireDef } | { ok: false; issues: DefinitionIssue[]; errors: string[] };

/** Thrown by `assertQuestionnaire`; `errors` holds one readable line per problem. */
export class QuestionnaireDefinitionError extends Error {
  constructor(
    readonly source: string,
    readonly errors: string[],
    readonly issues: DefinitionIssue[],
  ) {
    super(`${source}: invalid questionnaire definition:\n  - ${errors.join('\n  - ')}`);
    this.name = 'QuestionnaireDefinitionError';
  }
}

/** Shape check (zod) and then the cross-reference checks. Never throws. */
export function parseQuestionnaire(input: unknown): ParseResult {
  const shaped = questionnaireShape.safeParse(input);
  if (!shaped.success) {
    const issues = shaped.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
    return { ok: false, issues, errors: issues.map((i) => describeIssue(input, i)) };
  }
  const issues = checkDefinition(shaped.data);
  if (issues.length) return { ok: false, issues, errors: issues.map((i) => describeIssue(input, i)) };
  return { ok: true, def: shaped.data };
}

export function assertQuestionnaire(input: unknown, source = 'questionnaire'): QuestionnaireDef {
  const r = parseQuestionnaire(input);
  if (!r.ok) throw new QuestionnaireDefinitionError(source, r.errors, r.issues);
  return r.def;
}

/**
 * `items[8] (phq9_9).options[1].score: expected number`: the path for tools, the item id
 * for people (messages from the cross-reference checks already name it).
 */
export function describeIssue(input: unknown, issue: DefinitionIssue): string {
  let where = '';
  let node: unknown = input;
  for (const p of issue.path) {
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[p] : undefined;
    if (typeof p === 'number') {
      where += `[${p}]`;
      const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && !issue.message.includes(`"${id}"`)) where += ` (${id})`;
    } else where += where ? `.${p}` : p;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}
