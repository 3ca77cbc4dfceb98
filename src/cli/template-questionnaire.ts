import { assertQuestionnaire, type QuestionnaireDef } from '../shared/questionnaire';
import { toFhirQuestionnaire } from '../shared/questionnaire/fhir';
import { findQuestionnaire } from '../main/questionnaires/library';
import { SHEETS, type Tables } from '../main/questionnaires/sheets/layout';
import { importQuestionnaireTables } from '../main/questionnaires/sheets/import';
import { questionnaireToXlsx } from '../main/questionnaires/xlsx-import';
import type { TemplateKind } from './template-kind';

const summary = (d: QuestionnaireDef) =>
  `questionnaire ${d.id} v${d.version} (${d.title}): ${d.items.length} items, ${d.scores.length} scores, ${d.triggers.length} triggers`;
const hasSheet = (tables: Tables, names: string[]) => Object.keys(tables).some((n) => names.includes(n.trim().toLowerCase()));

export const questionnaireTemplates: TemplateKind = {
  kind: 'questionnaire',
  formats: ['json', 'fhir', 'xlsx'],
  detectJson: (json) => !!json && typeof json === 'object' && Array.isArray((json as { items?: unknown }).items),
  detectSheets: (tables) => hasSheet(tables, SHEETS.items.names) && hasSheet(tables, SHEETS.settings.names),
  importJson(json, source) {
    const def = assertQuestionnaire(json, source);
    return { document: def, summary: summary(def) };
  },
  importSheets(tables, source) {
    const r = importQuestionnaireTables(tables);
    if (!r.ok) throw new Error(`${source}: invalid questionnaire spreadsheet:\n  - ${r.errors.join('\n  - ')}`);
    return { document: r.def, summary: summary(r.def) };
  },
  find: (id) => findQuestionnaire(id),
  exportAs(template, format, opts) {
    const def = template as QuestionnaireDef;
    if (format === 'fhir') return `${JSON.stringify(toFhirQuestionnaire(def, { baseUrl: opts.baseUrl }), null, 2)}\n`;
    if (format === 'xlsx') return questionnaireToXlsx(def);
    return `${JSON.stringify(def, null, 2)}\n`;
  },
};
