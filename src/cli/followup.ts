import fs from 'node:fs';
import type { Command } from 'commander';
import { createApp, type App } from '../main/app';
import { loadConfig } from '../main/config';
import { diagnosisSynonyms } from '../main/diagnoses/diagnosis-synonyms';
import { runFollowupCycle } from '../main/plans/cycle';
import { activatePlan, getPlan, listPlans, savePlan } from '../main/plans/repo';
import { loadPlanTemplates, parsePlanDefinition } from '../main/plans/templates';
import { questionnairesOf } from '../main/questionnaires/store-library';
import { dataDirOf, positiveInt, withDataOption } from './common';

async function withApp<T>(opts: { data?: string }, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp(loadConfig(dataDirOf(opts)));
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export function registerFollowup(program: Command): void {
  const tasks = program.command('tasks').description('follow-up tasks');
  withDataOption(tasks.command('generate').description('enrol matching patients and create due tasks (safe to rerun); prints counts as JSON')).action(
    (opts: { data?: string }) =>
      withApp(opts, async (app) => {
        console.log(
          JSON.stringify(
            await runFollowupCycle(app.store, app.clock, await questionnairesOf(app.store.knex, app.clock), {
              log: (m) => console.error(m),
              synonyms: diagnosisSynonyms(app.config.dataDir),
            }),
          ),
        );
      }),
  );

  const plans = program.command('plans').description('disease follow-up plans in the store');
  withDataOption(plans.command('list').description('plans with their active/draft versions (JSON)')).action((opts: { data?: string }) =>
    withApp(opts, async (app) => console.log(JSON.stringify(await listPlans(app.store.knex, true), null, 2))),
  );
  withDataOption(
    plans
      .command('import')
      .description('save plan definitions (.json) as drafts; --activate makes them live')
      .argument('[files...]', 'plan files; with --templates, every shipped template')
      .option('--templates', 'import every plan under templates/plans')
      .option('--activate', 'activate the saved version (new enrolments use it)'),
  ).action((files: string[], opts: { data?: string; templates?: boolean; activate?: boolean }) =>
    withApp(opts, async (app) => {
      const defs = [
        ...files.map((f) => parsePlanDefinition(JSON.parse(fs.readFileSync(f, 'utf8')), f)),
        ...(opts.templates ? loadPlanTemplates().map((t) => t.definition) : []),
      ];
      if (!defs.length) throw new Error('nothing to import: name plan files or pass --templates');
      for (const def of defs) {
        const saved = await savePlan(app.store.knex, app.clock, 'cli', def);
        if (opts.activate) await activatePlan(app.store.knex, app.clock, saved.planId, saved.version);
        console.log(JSON.stringify({ code: def.code, ...saved, activated: !!opts.activate }));
      }
    }),
  );
  withDataOption(
    plans
      .command('export')
      .description('write a stored plan version as JSON')
      .argument('<code>', 'plan code')
      .option('--version <n>', 'version (default: the open draft, else the active one)', positiveInt('version'))
      .option('--out <file>', 'output file (default: standard output)'),
  ).action((code: string, opts: { data?: string; version?: number; out?: string }) =>
    withApp(opts, async (app) => {
      const plan = await app.store.knex('plans').where({ code }).first('id');
      if (!plan) throw new Error(`no plan "${code}"`);
      const json = `${JSON.stringify((await getPlan(app.store.knex, Number(plan.id), opts.version)).definition, null, 2)}\n`;
      if (opts.out) fs.writeFileSync(opts.out, json);
      else process.stdout.write(json);
    }),
  );
}
