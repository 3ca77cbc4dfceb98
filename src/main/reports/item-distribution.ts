import type { Knex } from 'knex';
import type { QuestionnaireDef } from '../../shared/questionnaire/schema';
import { questionnairesOf } from '../questionnaires/store-library';
import { filterTasks, groupingSql, type Grouping, type QueryContext } from './metrics/context';

// Answer distributions: the final responses of the period's due follow-up tasks, read in JS
// (answers and scores are JSON text, and one pass over the filtered rows is cheap).

export interface Distribution {
  /** Answer value or band label → its text, in the questionnaire's order. */
  options: { value: string; label: string }[];
  /** Group key → answered count and count per option value. */
  counts: Map<string, { answered: number; byValue: Map<string, number> }>;
}

const parse = (s: unknown): unknown => {
  try {
    return JSON.parse(String(s));
  } catch {
    return null;
  }
};

async function responses(ctx: QueryContext, g: Grouping, questionnaireId: string, col: 'answers' | 'scores'): Promise<{ grp: string; doc: unknown }[]> {
  const q = filterTasks(ctx.knex('tasks as t').where('t.kind', 'followup').whereNot('t.status', 'cancelled'), ctx, g, 't.completed_by')
    .join('responses as r', 'r.task_id', 't.id')
    .where({ 'r.draft': 0, 'r.questionnaire_id': questionnaireId })
    .select(ctx.knex.raw(`${groupingSql(g, ctx.d, 't.completed_by')} as grp`), `r.${col} as doc`);
  return ((await q) as { grp: unknown; doc: unknown }[]).map((r) => ({ grp: r.grp == null ? '' : String(r.grp), doc: parse(r.doc) }));
}

function tally(rows: { grp: string; values: string[] }[], options: { value: string; label: string }[]): Distribution {
  const counts: Distribution['counts'] = new Map();
  const known = new Set(options.map((o) => o.value));
  for (const { grp, values } of rows) {
    if (!values.length) continue;
    const c = counts.get(grp) ?? { answered: 0, byValue: new Map<string, number>() };
    c.answered += 1;
    for (const v of values) {
      c.byValue.set(v, (c.byValue.get(v) ?? 0) + 1);
      if (!known.has(v)) {
        known.add(v);
        options.push({ value: v, label: v });
      }
    }
    counts.set(grp, c);
  }
  return { options, counts };
}

/** The newest version of a questionnaire the store knows (labels of items and bands). */
export const questionnaireDef = async (knex: Knex, id: string): Promise<QuestionnaireDef | null> => (await questionnairesOf(knex)).get(id);

/** How the answers to one item spread, per group; a multiple-choice answer counts under each value chosen. */
export async function itemDistribution(ctx: QueryContext, g: Grouping, questionnaireId: string, itemId: string): Promise<Distribution> {
  const item = (await questionnaireDef(ctx.knex, questionnaireId))?.items.find((i) => i.id === itemId);
  const options = (item && 'options' in item && Array.isArray(item.options) ? item.options : []).map((o: { value: string | number; label: string }) => ({
    value: String(o.value),
    label: o.label,
  }));
  const rows = (await responses(ctx, g, questionnaireId, 'answers')).map(({ grp, doc }) => {
    const a = doc && typeof doc === 'object' ? (doc as Record<string, unknown>)[itemId] : undefined;
    const values = a == null || a === '' ? [] : Array.isArray(a) ? a.map(String) : [String(a)];
    return { grp, values };
  });
  return tally(rows, options);
}

/** How the bands of one score spread, per group (bands as the completed response recorded them). */
export async function bandDistribution(ctx: QueryContext, g: Grouping, questionnaireId: string, scoreId: string): Promise<Distribution> {
  const score = (await questionnaireDef(ctx.knex, questionnaireId))?.scores.find((s) => s.id === scoreId);
  const options = (score?.bands ?? []).map((b) => ({ value: b.label, label: b.label }));
  const rows = (await responses(ctx, g, questionnaireId, 'scores')).map(({ grp, doc }) => {
    const s = Array.isArray(doc) ? (doc as { id: string; band?: { label: string } | null }[]).find((x) => x.id === scoreId) : undefined;
    return { grp, values: s?.band?.label ? [s.band.label] : [] };
  });
  return tally(rows, options);
}
