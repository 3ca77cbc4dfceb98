import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { readWorkbookTables } from '../main/questionnaires/xlsx-import';
import type { Tables } from '../main/questionnaires/sheets/layout';
import { questionnaireTemplates } from './template-questionnaire';
import { planTemplates } from './template-plan';
import type { TemplateKind } from './template-kind';

// `followup template import|export` for every kind of template (questionnaires, plans, …).
// Each kind lives in its own file and is listed in KINDS; the kind of an imported file is
// detected from its content, so one command serves them all.

const KINDS: TemplateKind[] = [questionnaireTemplates, planTemplates];

const SPREADSHEET = /\.(xlsx|xlsm|xls|ods)$/i;

function pickKind(kinds: TemplateKind[], wanted: string | undefined, what: string): TemplateKind {
  if (wanted) {
    const k = KINDS.find((x) => x.kind === wanted);
    if (!k) throw new Error(`unknown --kind "${wanted}" (expected ${KINDS.map((x) => x.kind).join(', ')})`);
    return k;
  }
  if (kinds.length === 1) return kinds[0];
  if (!kinds.length) throw new Error(`${what}: not a recognised template (${KINDS.map((x) => x.kind).join(', ')})`);
  throw new Error(`${what}: could be ${kinds.map((k) => k.kind).join(' or ')}; pass --kind`);
}

function write(out: string | undefined, data: string | Buffer): void {
  if (!out) {
    process.stdout.write(data);
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, data);
}

export function registerTemplate(program: Command): void {
  const t = program.command('template').description('import and export templates (questionnaires, plans): validate and convert');

  t.command('import')
    .description('validate a template (.json or spreadsheet) and write it as JSON')
    .argument('<file>', 'template file: .json, or .xlsx in the spreadsheet layout')
    .option('--out <file>', 'where to write the JSON (default: standard output)')
    .option('--kind <kind>', `template kind when it cannot be told from the content (${KINDS.map((k) => k.kind).join(', ')})`)
    .action((file: string, opts: { out?: string; kind?: string }) => {
      if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
      let result: { document: unknown; summary: string };
      if (SPREADSHEET.test(file)) {
        let tables: Tables;
        try {
          tables = readWorkbookTables(fs.readFileSync(file));
        } catch (err) {
          throw new Error(`${file}: not a readable spreadsheet (${(err as Error).message})`, { cause: err });
        }
        const kind = pickKind(
          KINDS.filter((k) => k.detectSheets?.(tables)),
          opts.kind,
          file,
        );
        if (!kind.importSheets) throw new Error(`${kind.kind} templates cannot be imported from a spreadsheet`);
        result = kind.importSheets(tables, file);
      } else {
        let json: unknown;
        try {
          json = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (err) {
          throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
        }
        result = pickKind(
          KINDS.filter((k) => k.detectJson(json)),
          opts.kind,
          file,
        ).importJson(json, file);
      }
      write(opts.out, `${JSON.stringify(result.document, null, 2)}\n`);
      console.error(`${result.summary}${opts.out ? ` → ${opts.out}` : ''}`);
    });

  t.command('export')
    .description('write a shipped template (json; questionnaires also fhir = FHIR R4 Questionnaire, xlsx = spreadsheet layout)')
    .argument('<id>', 'template id, e.g. phq9')
    .option('--format <format>', 'json | fhir | xlsx')
    .option('--out <file>', 'output file (default: standard output; required for xlsx)')
    .option('--kind <kind>', 'template kind when the id is used by more than one')
    .option('--base-url <url>', 'FHIR canonical base, e.g. https://fhir.example-hospital.cn/fhir')
    .action((id: string, opts: { format?: string; out?: string; kind?: string; baseUrl?: string }) => {
      const found = KINDS.map((k) => ({ k, template: k.find(id) })).filter((x) => x.template !== undefined);
      const kind = pickKind(
        found.map((x) => x.k),
        opts.kind,
        `template "${id}"`,
      );
      const template = found.find((x) => x.k === kind)?.template ?? kind.find(id);
      if (template === undefined) throw new Error(`no ${kind.kind} template "${id}"`);
      const format = opts.format ?? kind.formats[0];
      if (!kind.formats.includes(format)) throw new Error(`--format must be ${kind.formats.join(' | ')} for a ${kind.kind}, got "${format}"`);
      if (format === 'xlsx' && !opts.out) throw new Error('--out is required for --format xlsx');
      write(opts.out, kind.exportAs(template, format, { baseUrl: opts.baseUrl }));
    });
}
