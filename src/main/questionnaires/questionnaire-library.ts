import fs from 'node:fs';
import path from 'node:path';
import { parseQuestionnaire } from '../../shared/questionnaire/parse';
import type { QuestionnaireDef } from '../../shared/questionnaire/schema';
import { templatesDir } from '../config';
import { loadQuestionnaires } from './library';

/** The questionnaires tasks can point at, by id and version. */
export interface QuestionnaireLibrary {
  get(id: string, version?: number | null): QuestionnaireDef | null;
}

export function libraryOf(defs: QuestionnaireDef[]): QuestionnaireLibrary {
  const byId = new Map<string, QuestionnaireDef[]>();
  for (const d of defs)
    byId.set(
      d.id,
      [...(byId.get(d.id) ?? []), d].sort((a, b) => b.version - a.version),
    );
  return { get: (id, version) => (byId.get(id) ?? []).find((d) => version == null || d.version === version) ?? null };
}

/** Every *.json under templates/questionnaires that parses; a broken file is reported, not fatal. */
export function loadLibraryDir(dir: string, log: (m: string) => void = () => {}, defs: QuestionnaireDef[] = []): QuestionnaireLibrary {
  if (fs.existsSync(dir))
    for (const f of fs
      .readdirSync(dir)
      .filter((x) => x.endsWith('.json') && !x.endsWith('.schema.json'))
      .sort()) {
      const r = parseQuestionnaire(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (r.ok) defs.push(r.def);
      else log(`questionnaire ${f}: ${r.errors.join('; ')}`);
    }
  return libraryOf(defs);
}

let shipped: QuestionnaireDef[] | null = null;
/**
 * The shipped templates (./library.ts), loaded once. If one file is broken
 * the valid ones still load, so one bad template does not stop every follow-up.
 */
export function shippedLibraryDefs(): QuestionnaireDef[] {
  if (shipped) return shipped;
  try {
    shipped = [...loadQuestionnaires().values()];
  } catch (err) {
    console.error((err as Error).message);
    const defs: QuestionnaireDef[] = [];
    loadLibraryDir(path.join(templatesDir(), 'questionnaires'), (m) => console.error(m), defs);
    shipped = defs;
  }
  return shipped;
}

/** The shipped templates as a library: for what runs without a store (the CLI's checks). */
export const shippedLibrary = (): QuestionnaireLibrary => libraryOf(shippedLibraryDefs());
