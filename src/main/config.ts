import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from './store/store';
import { resolveSms, resolveTwilio, smsFileSchema, twilioFileSchema, type SmsConfig, type TwilioConfig } from './messaging/config';

// Configuration comes from <dataDir>/config.json, then environment variables, so that
// secrets (HIS and store passwords) can stay out of files: FOLLOWUP_STORE_URL,
// FOLLOWUP_HIS_URL / FOLLOWUP_HIS_PASSWORD.

const hisSchema = z.discriminatedUnion('client', [
  z.object({ client: z.literal('sqlite'), filename: z.string() }),
  z.object({ client: z.literal('pg'), connection: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
  z.object({ client: z.literal('mysql'), connection: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
  z.object({
    client: z.literal('mssql'),
    server: z.string(),
    port: z.number().int().optional(),
    database: z.string(),
    user: z.string().optional(),
    password: z.string().optional(),
    domain: z.string().optional(),
    encrypt: z.boolean().default(true),
    trustServerCertificate: z.boolean().default(false),
    requestTimeoutMs: z.number().int().default(60000),
  }),
]);
export type HisConnectionConfig = z.infer<typeof hisSchema>;

const fileSchema = z
  .object({
    store: z
      .union([
        z.object({ client: z.literal('sqlite'), filename: z.string() }),
        z.object({ client: z.literal('pg'), connection: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
      ])
      .optional(),
    his: z.object({ profile: z.string().default('demo'), connection: hisSchema.optional(), demo: z.boolean().optional() }).optional(),
    serve: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().default(5170) }).optional(),
    twilio: twilioFileSchema.optional(),
    sms: smsFileSchema.optional(),
    exports: z
      .object({ pauseBetweenBatchesMs: z.number().int().min(0).max(60_000).default(0) })
      .strict()
      .optional(),
  })
  .strict();

export interface AppConfig {
  dataDir: string;
  store: StoreConfig;
  his: { profile: string; profileDir: string; connection: HisConnectionConfig; demo: boolean };
  serve: { host: string; port: number };
  /** Null: SMS goes to the log-only provider. Secrets inside: main only, never logged (messaging/config.ts). */
  twilio?: TwilioConfig | null;
  sms?: SmsConfig;
  /** A pause after each batch of an export, so a large one on a shared store leaves room for the nurses' queries. */
  exports?: { pauseBetweenBatchesMs: number };
}

/**
 * Shipped templates: $FOLLOWUP_TEMPLATES (the Electron shell points it at its resources), else
 * the first ancestor of this file holding our templates (src/main, dist/src/main, .vite/build).
 */
export const templatesDir = (): string => {
  if (process.env.FOLLOWUP_TEMPLATES) return process.env.FOLLOWUP_TEMPLATES;
  for (const up of ['..', '../..', '../../..']) {
    const dir = path.resolve(__dirname, up, 'templates');
    if (fs.existsSync(path.join(dir, 'his', 'demo', 'profile.json'))) return dir;
  }
  return path.resolve(process.cwd(), 'templates');
};

export function loadConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const file = path.join(dataDir, 'config.json');
  const raw = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const c = parsed.data;
  const store: StoreConfig = env.FOLLOWUP_STORE_URL
    ? { client: 'pg', connection: env.FOLLOWUP_STORE_URL }
    : ((c.store as StoreConfig | undefined) ?? { client: 'sqlite', filename: path.join(dataDir, 'followup.sqlite') });
  const profile = c.his?.profile ?? 'demo';
  let connection: HisConnectionConfig = c.his?.connection ?? { client: 'sqlite', filename: path.join(dataDir, 'demo-his.sqlite') };
  if (env.FOLLOWUP_HIS_PASSWORD && connection.client === 'mssql') connection = { ...connection, password: env.FOLLOWUP_HIS_PASSWORD };
  if (env.FOLLOWUP_HIS_URL) connection = { client: env.FOLLOWUP_HIS_URL.startsWith('mysql') ? 'mysql' : 'pg', connection: env.FOLLOWUP_HIS_URL };
  return {
    dataDir,
    store,
    his: {
      profile,
      profileDir: path.join(templatesDir(), 'his', profile),
      connection,
      demo: c.his?.demo ?? (!c.his?.connection && !env.FOLLOWUP_HIS_URL),
    },
    serve: { host: c.serve?.host ?? '127.0.0.1', port: c.serve?.port ?? 5170 },
    twilio: resolveTwilio(c.twilio, env),
    sms: resolveSms(c.sms),
    exports: { pauseBetweenBatchesMs: c.exports?.pauseBetweenBatchesMs ?? 0 },
  };
}
