import fs from 'node:fs';
import path from 'node:path';
import { plansTemplateDir, parsePlanDefinition } from '../main/plans/templates';
import type { PlanDefinition } from '../shared/plans/schema';
import type { TemplateKind } from './template-kind';

const summary = (d: PlanDefinition) =>
  `plan ${d.code} (${d.name}): ${d.enrolment.rules.length} rule(s), ${d.tracks.length} track(s): ${d.tracks.map((t) => t.id).join(', ')}`;

/** Disease plans as templates (validate / export); `followup plans import` loads one into the store. */
export const planTemplates: TemplateKind = {
  kind: 'plan',
  formats: ['json'],
  detectJson: (json) => !!json && typeof json === 'object' && ((json as { kind?: unknown }).kind === 'plan' || ('tracks' in json && 'enrolment' in json)),
  importJson(json, source) {
    const def = parsePlanDefinition(json, source);
    return { document: def, summary: summary(def) };
  },
  find(id) {
    const file = path.join(plansTemplateDir(), `${id}.json`);
    return /^[a-z0-9][a-z0-9_-]*$/.test(id) && fs.existsSync(file) ? parsePlanDefinition(JSON.parse(fs.readFileSync(file, 'utf8')), file) : undefined;
  },
  exportAs: (template) => `${JSON.stringify(template, null, 2)}\n`,
};
