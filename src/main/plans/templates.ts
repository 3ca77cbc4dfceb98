import fs from 'node:fs';
import path from 'node:path';
import { planDefinitionSchema, type PlanDefinition } from '../../shared/plans/schema';
import { templatesDir } from '../config';

/** Readable errors for a plan file: "tracks.0.points.1.at: …". */
export function parsePlanDefinition(raw: unknown, source: string): PlanDefinition {
  const r = planDefinitionSchema.safeParse(raw);
  if (!r.success)
    throw new Error(`${source}: invalid plan definition:\n  - ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('\n  - ')}`);
  return r.data;
}

export const plansTemplateDir = (): string => path.join(templatesDir(), 'plans');

export function loadPlanTemplates(dir = plansTemplateDir()): { file: string; definition: PlanDefinition }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, definition: parsePlanDefinition(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file) }));
}
