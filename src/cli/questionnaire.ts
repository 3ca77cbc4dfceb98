import fs from 'node:fs';
import type { Command } from 'commander';
import { answersSchema, score, validateAnswers, type Answers, type QuestionnaireDef } from '../shared/questionnaire';
import { findQuestionnaire, loadQuestionnaireFile, loadQuestionnaires, questionnairesDir } from '../main/questionnaires/library';
import { registerTemplate } from './template';
import { loadConfig } from '../main/config';
import { publishQuestionnaires } from '../main/questionnaires/store-library';
import { openStore } from '../main/store/store';
import { systemClock } from '../main/util/clock';
import { dataDirOf, UsageError, withDataOption } from './common';

/** A definition file path, or the id of a shipped template. */
export function resolveQuestionnaire(ref: string): QuestionnaireDef {
  if (ref.endsWith('.json') || fs.existsSync(ref)) {
    if (!fs.existsSync(ref)) throw new Error(`no such file: ${ref}`);
    return loadQuestionnaireFile(ref, { matchName: false });
  }
  const def = findQuestionnaire(ref);
  if (!def) throw new Error(`no questionnaire "${ref}" (neither a file nor a template id; see: followup questionnaire list)`);
  return def;
}

export function readAnswers(file: string, def: QuestionnaireDef, strict: boolean): Answers {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
  const shaped = answersSchema.safeParse(json);
  if (!shaped.success) {
    throw new Error(
      `${file}: answers must be an object of item id → option value, list of values, number, text or null: ${shaped.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`,
    );
  }
  // Missing required answers are normal for a call in progress (scores report complete: false).
  const issues = validateAnswers(def, shaped.data).filter((i) => strict || i.code !== 'required');
  if (issues.length) throw new Error(`${file}: answers do not fit ${def.id} v${def.version}: ${issues.map((i) => `${i.item}: ${i.messageEn}`).join('; ')}`);
  return shaped.data;
}

/** `followup questionnaire …`, and `followup template …` (shared by every template kind, see template.ts). */
export function registerQuestionnaire(program: Command): void {
  registerTemplate(program);
  const q = program.command('questionnaire').description('questionnaire definitions: list, validate, score');

  q.command('score')
    .description('score an answer set: prints { scores, bands, triggers, warningColor, escalate } as JSON')
    .argument('<definition>', 'definition file (.json) or template id (e.g. phq9)')
    .argument('<answers>', 'answers file (.json): { "<item id>": value, … }')
    .option('--strict', 'also fail when a required visible item is unanswered')
    .action((ref: string, answersFile: string, opts: { strict?: boolean }) => {
      const def = resolveQuestionnaire(ref);
      const outcome = score(def, readAnswers(answersFile, def, !!opts.strict));
      const bands = Object.fromEntries(outcome.scores.map((s) => [s.id, s.band]));
      console.log(
        JSON.stringify(
          {
            questionnaire: { id: def.id, version: def.version },
            scores: outcome.scores,
            bands,
            triggers: outcome.triggers,
            warningColor: outcome.warningColor,
            escalate: outcome.escalate,
          },
          null,
          2,
        ),
      );
    });

  q.command('list')
    .description('shipped questionnaire templates')
    .option('--json', 'JSON output')
    .action((opts: { json?: boolean }) => {
      const defs = [...loadQuestionnaires().values()];
      if (opts.json)
        console.log(
          JSON.stringify(
            defs.map((d) => ({
              id: d.id,
              version: d.version,
              title: d.title,
              titleEn: d.titleEn,
              items: d.items.length,
              scores: d.scores.map((s) => s.id),
              triggers: d.triggers.map((t) => t.id),
            })),
          ),
        );
      else for (const d of defs) console.log(`${d.id}\tv${d.version}\t${d.title}\t${d.titleEn}`);
    });

  q.command('validate')
    .description(`check definition files (default: every template in ${questionnairesDir()})`)
    .argument('[files...]', 'definition files (.json)')
    .action((files: string[]) => {
      if (!files.length) {
        const defs = loadQuestionnaires();
        console.log(`${defs.size} questionnaire templates OK`);
        return;
      }
      for (const f of files) loadQuestionnaireFile(f, { matchName: false });
      console.log(`${files.length} file(s) OK`);
    });

  // A team's own questionnaire (or a new version of a shipped one) reaches every workstation
  // of the store at once; a published version is never rewritten.
  withDataOption(q.command('publish').description("add definitions to the store's questionnaire library (all workstations score with it)"))
    .argument('<files...>', 'definition files (.json)')
    .action(async (files: string[], opts: { data?: string }) => {
      const defs = files.map((f) => loadQuestionnaireFile(f, { matchName: false }));
      const store = await openStore(loadConfig(dataDirOf(opts)).store);
      try {
        const r = await publishQuestionnaires(store.knex, systemClock, defs);
        for (const a of r.added) console.log(`已发布 (published): ${a}`);
        if (r.conflicting.length)
          throw new UsageError(
            `库中已有同版本号、内容不同的问卷，请提高版本号 (the store already holds other content under: ${r.conflicting.join(', ')}; raise the version)`,
          );
        if (!r.added.length) console.log('无新内容 (nothing new: every version is already in the store)');
      } finally {
        await store.close();
      }
    });
}
