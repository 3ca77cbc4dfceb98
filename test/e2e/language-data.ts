import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from './fixtures';

// What a screen may show in Chinese whatever its language, because it is data and not the
// app's words: read from the store the backend writes, so exactly the values on record are
// allowed and nothing that merely looks like them.

/** Columns holding what the HIS spells or what a user typed: shown as written in either screen. */
const DATA_COLUMNS: Record<string, string[]> = {
  patients: ['name', 'address', 'death_cause', 'lost_reason'],
  phones: ['contact_name', 'relation'],
  departments: ['name'],
  department_aliases: ['name'],
  diagnosis_dict: ['name'],
  diagnoses: ['name'],
  encounters: ['doctor_name', 'main_diag_name', 'package_name', 'summary'],
  checkup_findings: ['item_name', 'result_value', 'unit', 'reference_range'],
  // People and what they typed: display names, notes, saved report names, SMS as sent.
  users: ['display_name'],
  tasks: ['note'],
  escalations: ['note'],
  appointments: ['note'],
  saved_reports: ['name'],
  messages: ['body'],
};

const CJK = /[\u3400-\u9fff]/;

function columnValues(db: Database.Database, table: string, columns: string[]): string[] {
  const have = new Set((db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  return columns
    .filter((c) => have.has(c))
    .flatMap((c) => (db.prepare(`select distinct ${c} as v from ${table} where ${c} is not null`).all() as { v: unknown }[]).map((r) => String(r.v)));
}

/** A plan's texts that have no English twin: a plan typed in Chinese only shows in Chinese (the fallback). */
function untranslatedPlanTexts(db: Database.Database): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && !k.endsWith('En') && !o[`${k}En`] && CJK.test(v)) out.push(v);
      else walk(v);
    }
  };
  for (const r of db.prepare('select definition from plan_versions').all() as { definition: string }[]) walk(JSON.parse(r.definition));
  return out;
}

/** Diagnosis keywords (肺癌, 高血压): the words the Chinese diagnosis dictionary is searched by, in any screen's hints. */
function diagnosisKeywords(): string[] {
  const file = path.resolve(__dirname, '../../templates/diagnosis-synonyms.json');
  return Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { synonyms: Record<string, unknown> }).synonyms);
}

/** Every data value on record, in whatever language it is written. */
export function dataValues(backend: Backend): string[] {
  const db = new Database(path.join(backend.dataDir, 'followup.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const values = Object.entries(DATA_COLUMNS).flatMap(([table, cols]) => columnValues(db, table, cols));
    return [
      ...values,
      ...untranslatedPlanTexts(db),
      ...diagnosisKeywords(),
      // The language switch names each language in itself, so whoever cannot read one can still switch.
      '中文',
    ];
  } finally {
    db.close();
  }
}
