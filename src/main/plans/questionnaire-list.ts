import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { questionnairesOf } from '../questionnaires/store-library';

/** The newest version of each questionnaire in the store, by title: what the plan editor offers. */
export const questionnaireListHandlers = ({ store, clock }: Services): Pick<Handlers, 'plans.questionnaires'> => ({
  'plans.questionnaires': async () => {
    // Publishes the shipped definitions into a new store first, as generation would.
    await questionnairesOf(store.knex, clock);
    const rows = await store
      .knex('questionnaire_versions')
      .orderBy([{ column: 'questionnaire_id' }, { column: 'version', order: 'desc' }])
      .select('questionnaire_id', 'version', 'title', 'definition');
    const out = new Map<string, { id: string; version: number; title: string; titleEn: string }>();
    for (const r of rows) {
      if (out.has(r.questionnaire_id)) continue;
      let titleEn = r.title as string;
      try {
        titleEn = (JSON.parse(r.definition) as { titleEn?: string }).titleEn ?? titleEn;
      } catch {
        // A definition that does not parse keeps its Chinese title in English too.
      }
      out.set(r.questionnaire_id, { id: r.questionnaire_id, version: Number(r.version), title: r.title, titleEn });
    }
    return [...out.values()];
  },
});
