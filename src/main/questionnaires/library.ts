import fs from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../config';
import { parseQuestionnaire, SLUG, type QuestionnaireDef } from '../../shared/questionnaire';

export const questionnairesDir = (): string => path.join(templatesDir(), 'questionnaires');

/** One line per problem, each prefixed with the file it is in. */
export class QuestionnaireLibraryError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid questionnaire definition:\n  - ${errors.join('\n  - ')}`);
    this.name = 'QuestionnaireLibraryError';
  }
}

/**
 * Read and validate one definition file (JSON). Throws with every problem listed. Shipped
 * templates must be named after their id; `matchName: false` is for files given on a command line.
 */
export function loadQuestionnaireFile(file: string, opts: { matchName?: boolean } = {}): QuestionnaireDef {
  const r = readOne(file, opts.matchName ?? true);
  if ('def' in r) return r.def;
  throw new QuestionnaireLibraryError(r.errors);
}

/** A shipped template by id (only that file is read). */
export function findQuestionnaire(id: string, dir: string = questionnairesDir()): QuestionnaireDef | undefined {
  if (!SLUG.test(id)) return undefined;
  const file = path.join(dir, `${id}.json`);
  return fs.existsSync(file) ? loadQuestionnaireFile(file) : undefined;
}

function readOne(file: string, matchName = true): { def: QuestionnaireDef } | { errors: string[] } {
  const name = path.basename(file);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return { errors: [`${name}: ${(err as Error).message}`] };
  }
  const r = parseQuestionnaire(json);
  if (!r.ok) return { errors: r.errors.map((e) => `${name}: ${e}`) };
  const stem = name.replace(/\.json$/, '');
  if (matchName && r.def.id !== stem) return { errors: [`${name}: id "${r.def.id}" does not match the file name (expected "${stem}")`] };
  return { def: r.def };
}

/**
 * Every `*.json` definition in `dir` (JSON Schema files `*.schema.json` excepted), validated,
 * by id. All files are checked before failing, so one run lists every problem.
 */
export function loadQuestionnaires(dir: string = questionnairesDir()): Map<string, QuestionnaireDef> {
  if (!fs.existsSync(dir)) throw new QuestionnaireLibraryError([`${dir}: no such directory`]);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort();
  const out = new Map<string, QuestionnaireDef>();
  const errors: string[] = [];
  for (const f of files) {
    const r = readOne(path.join(dir, f));
    if ('errors' in r) errors.push(...r.errors);
    else out.set(r.def.id, r.def);
  }
  if (errors.length) throw new QuestionnaireLibraryError(errors);
  return out;
}
