import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { parseQuestionnaire } from '../../shared/questionnaire/parse';
import type { QuestionnaireDef } from '../../shared/questionnaire/schema';
import { processHolder } from '../store/lease';
import { beijingTimestamp, systemClock, type Clock } from '../util/clock';
import { libraryOf, shippedLibrary, shippedLibraryDefs, type QuestionnaireLibrary } from './questionnaire-library';

// The questionnaires a store's tasks are scored with: every (id, version) ever published to the
// store, shared by all its workstations. Lookups stay synchronous (scoring runs inside
// transactions); `questionnairesOf` reads only rows added since the last call, one indexed query.

const hashOf = (def: QuestionnaireDef) => createHash('sha256').update(JSON.stringify(def)).digest('hex');

export interface PublishResult {
  added: string[];
  /** Same id and version already in the store with other content: the store's copy stands. */
  conflicting: string[];
}

/** Adds definitions the store lacks; an existing (id, version) is never rewritten. */
export async function publishQuestionnaires(knex: Knex, clock: Clock, defs: QuestionnaireDef[], by = processHolder()): Promise<PublishResult> {
  const out: PublishResult = { added: [], conflicting: [] };
  // One read in the usual case (every workstation starts with what the store already holds).
  const held = new Map<string, string>(
    (await knex('questionnaire_versions').select('questionnaire_id', 'version', 'content_hash')).map((r) => [
      `${r.questionnaire_id} v${r.version}`,
      r.content_hash,
    ]),
  );
  for (const def of defs) {
    const hash = hashOf(def);
    const known = held.get(`${def.id} v${def.version}`);
    if (known !== undefined) {
      if (known !== hash) out.conflicting.push(`${def.id} v${def.version}`);
      continue;
    }
    const row = { questionnaire_id: def.id, version: def.version, title: def.title.slice(0, 200), definition: JSON.stringify(def), content_hash: hash };
    const inserted: unknown[] = await knex('questionnaire_versions')
      .insert({ ...row, published_by: by, published_at: beijingTimestamp(clock.now()) })
      .onConflict(['questionnaire_id', 'version'])
      .ignore()
      .returning('id');
    if (inserted.length) out.added.push(`${def.id} v${def.version}`);
    else {
      const held = await knex('questionnaire_versions').where({ questionnaire_id: def.id, version: def.version }).first('content_hash');
      if (held?.content_hash !== hash) out.conflicting.push(`${def.id} v${def.version}`);
    }
  }
  return out;
}

class StoreLibrary implements QuestionnaireLibrary {
  private defs: QuestionnaireDef[] = [];
  private view: QuestionnaireLibrary = libraryOf([]);
  private lastId = 0;
  ready: Promise<void> | null = null;

  get(id: string, version?: number | null): QuestionnaireDef | null {
    return this.view.get(id, version);
  }

  async refresh(knex: Knex, log: (m: string) => void): Promise<void> {
    const rows = await knex('questionnaire_versions').where('id', '>', this.lastId).orderBy('id').select('id', 'questionnaire_id', 'version', 'definition');
    if (!rows.length) return;
    for (const r of rows) {
      this.lastId = Math.max(this.lastId, Number(r.id));
      const parsed = parseQuestionnaire(JSON.parse(r.definition));
      // A definition this program cannot read (written by a newer one) is left out, not fatal.
      if (parsed.ok) this.defs.push(parsed.def);
      else log(`questionnaire ${r.questionnaire_id} v${r.version} in the store: ${parsed.errors.join('; ')}`);
    }
    this.view = libraryOf(this.defs);
  }
}

const libraries = new WeakMap<Knex, StoreLibrary>();

/** What the store's library held at its last refresh, without a query (long jobs that scored nothing yet see the shipped set). */
export const knownQuestionnaires = (knex: Knex): QuestionnaireLibrary => libraries.get(knex) ?? shippedLibrary();

/**
 * The store's questionnaire library, up to date with what any workstation has published. The
 * first call for a store publishes this program's shipped definitions into it.
 */
export async function questionnairesOf(
  knex: Knex,
  clock: Clock = systemClock,
  log: (m: string) => void = (m) => console.error(m),
): Promise<QuestionnaireLibrary> {
  let lib = libraries.get(knex);
  if (!lib) {
    const created = new StoreLibrary();
    libraries.set(knex, created);
    created.ready = publishQuestionnaires(knex, clock, shippedLibraryDefs()).then((r) => {
      if (r.conflicting.length)
        log(`questionnaires kept as the store has them (this program's copy differs; publish a new version to change one): ${r.conflicting.join(', ')}`);
    });
    lib = created;
  }
  try {
    await lib.ready;
  } catch (err) {
    // Publishing failed (the store was briefly unreachable): try again on the next call.
    libraries.delete(knex);
    throw err;
  }
  await lib.refresh(knex, log);
  return lib;
}
