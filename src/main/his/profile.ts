import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ENTITIES = [
  'departments',
  'patients',
  'merges',
  'inpatient_stays',
  'inpatient_diagnoses',
  'outpatient_visits',
  'checkups',
  'checkup_findings',
] as const;
export type EntityName = (typeof ENTITIES)[number];

const watermark = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('datetime'), overlapMinutes: z.number().int().min(0).default(120) }),
  z.object({ kind: z.literal('business_date'), windowDays: z.number().int().min(1).default(30) }),
]);

const entitySpec = z
  .object({
    entity: z.enum(ENTITIES),
    sql: z.string(),
    /** The column (after aliasing) that identifies a row in the source. */
    key: z.string(),
    watermark: watermark.optional(),
    /**
     * For a child table without a modification time of its own (diagnoses coded days after the
     * discharge, while the stay's own time stays put): an incremental sync also re-reads the
     * children of parents changed or discharged within this many days, without `--full`. The
     * child SQL picks them with :reread_since ('YYYY-MM-DD HH:mm:ss', midnight N days ago,
     * Beijing time) or :reread_since_date ('YYYY-MM-DD'), e.g.
     *   WHERE (a.xgsj >= :since AND a.xgsj < :until) OR a.cyrq >= :reread_since
     * (a discharge time kept as compact text, 'yyyymmddhh:mi:ss', compares with
     * REPLACE(:reread_since_date, '-', '') instead; test/integration/his-reread-children.test.ts).
     * Without the option both are '9999-12-31…' (the clause finds nothing); with --full or on a
     * first read, '1900-01-01…'. Unchanged children re-read are compared and left alone.
     */
    rereadChildrenDays: z.number().int().min(1).max(3660).optional(),
  })
  .strict();

const profileSchema = z
  .object({
    name: z.string(),
    sourceSystem: z.string().regex(/^[a-z0-9_-]+$/),
    description: z.string().optional(),
    entities: z.array(entitySpec).min(1),
    /** "<entity>.<column>": { raw value: canonical value }; "*" is the fallback. */
    valueMaps: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  })
  .strict();

export type EntitySpec = z.infer<typeof entitySpec> & { sqlText: string };
export interface HisProfile extends Omit<z.infer<typeof profileSchema>, 'entities'> {
  dir: string;
  entities: EntitySpec[];
}

export function loadProfile(dir: string): HisProfile {
  const file = path.join(dir, 'profile.json');
  if (!fs.existsSync(file)) throw new Error(`HIS profile not found: ${file}`);
  const parsed = profileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const order = (e: EntityName) => ENTITIES.indexOf(e);
  const entities = parsed.data.entities
    .map((e) => ({ ...e, sqlText: fs.readFileSync(path.join(dir, e.sql), 'utf8') }))
    .sort((a, b) => order(a.entity) - order(b.entity));
  return { ...parsed.data, dir, entities };
}

export class ValueMapper {
  constructor(private maps: Record<string, Record<string, string>>) {}
  /** undefined when the profile has a map for this column but no entry for the value. */
  map(entity: EntityName, column: string, raw: unknown): string | null | undefined {
    const m = this.maps[`${entity}.${column}`];
    if (raw === null || raw === undefined || raw === '') return m?.[''] ?? null;
    const key = String(raw).trim();
    if (!m) return key;
    return m[key] ?? m['*'];
  }
}
