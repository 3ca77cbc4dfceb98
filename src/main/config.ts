import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from './store/store';
import type { ThrottleLimits } from './auth/throttle';
import { resolveSms, resolveTwilio, smsFileSchema, twilioFileSchema, type SmsConfig, type TwilioConfig } from './messaging/config';
import { parsePbxOrigin } from './calls/pbx-origins';
import { profilesRoot, resolveProfileDir } from './his/profiles';

/** How long a finished export's file is kept (it holds patient data) unless config.json says otherwise. */
export const EXPORT_KEEP_DAYS = 7;

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
  z.object({
    client: z.literal('oracledb'),
    // Easy Connect "host:port/service_name" or a full (DESCRIPTION=…) descriptor; thin mode, no Instant Client.
    connectString: z.string(),
    user: z.string(),
    password: z.string().optional(),
    // Per round trip to the server (each fetch of a batch), not for the whole read.
    callTimeoutMs: z.number().int().default(60000),
  }),
]);
export type HisConnectionConfig = z.infer<typeof hisSchema>;

export interface AuthConfig extends ThrottleLimits {
  /** Minutes without a call after which a session ends; any signed-in call starts them again. */
  idleMinutes: number;
}

export const DEFAULT_AUTH: AuthConfig = { idleMinutes: 30, maxFailuresPerAccount: 5, maxFailuresPerAddress: 20, lockMinutes: 15 };

const fileSchema = z
  .object({
    store: z
      .union([
        z.object({ client: z.literal('sqlite'), filename: z.string() }),
        z.object({
          client: z.literal('pg'),
          connection: z.union([z.string(), z.record(z.string(), z.unknown())]),
          poolMax: z.number().int().min(2).max(100).optional(),
        }),
      ])
      .optional(),
    his: z
      .object({
        profile: z.string().default('demo'),
        // Where the hospital's profiles live (default <dataDir>/his-profiles); relative to the data folder.
        profilesDir: z.string().optional(),
        connection: hisSchema.optional(),
        demo: z.boolean().optional(),
      })
      .optional(),
    serve: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().default(5170),
        // Host names the browser may use for the server (its intranet DNS name, a reverse proxy's
        // name): "name" for any port, "name:port" for one. Others are refused (DNS rebinding).
        allowedHosts: z.array(z.string().min(1).max(253)).max(50).default([]),
        // Set when a TLS reverse proxy is in front: the session cookie is then sent only over https.
        secureCookie: z.boolean().default(false),
      })
      .strict()
      .optional(),
    auth: z
      .object({
        idleMinutes: z.number().int().min(1).max(720).default(DEFAULT_AUTH.idleMinutes),
        maxFailuresPerAccount: z.number().int().min(1).max(100).default(DEFAULT_AUTH.maxFailuresPerAccount),
        maxFailuresPerAddress: z.number().int().min(0).max(10_000).default(DEFAULT_AUTH.maxFailuresPerAddress),
        lockMinutes: z.number().int().min(1).max(1440).default(DEFAULT_AUTH.lockMinutes),
      })
      .strict()
      .optional(),
    twilio: twilioFileSchema.optional(),
    sms: smsFileSchema.optional(),
    exports: z
      .object({ pauseBetweenBatchesMs: z.number().int().min(0).max(60_000).default(0), keepDays: z.number().int().min(1).max(365).default(7) })
      .strict()
      .optional(),
    // The PBX WebSocket servers nurses' softphones may use; the page CSP allows these and no other.
    softphone: z
      .object({
        pbxWebSocketOrigins: z
          .array(z.string().refine((s) => parsePbxOrigin(s) !== null, 'expected a ws:// or wss:// origin such as wss://pbx.hospital.local:8089'))
          .max(32)
          .default([]),
      })
      .strict()
      .optional(),
    // Web sites the desktop shell may open in the system browser (exact origins, https://…).
    desktop: z
      .object({ openExternalOrigins: z.array(z.string().url()).max(32).default([]) })
      .strict()
      .optional(),
    // SQLite store only: a daily online backup at `hour` (Beijing; null: none), the last `keep` kept.
    backup: z
      .object({ hour: z.number().int().min(0).max(23).nullable().default(2), keep: z.number().int().min(1).max(365).default(7) })
      .strict()
      .optional(),
    // A call centre on one PostgreSQL: the key its workstations share for SIP passwords (calls/secret-box.ts).
    team: z
      .object({ keyFile: z.string().min(1) })
      .strict()
      .optional(),
    // Call recordings: a folder every workstation of a team mounts (and the head's QC review
    // reads); relative to the data folder. Default <dataDir>/recordings.
    recordings: z
      .object({ dir: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();

export interface AppConfig {
  dataDir: string;
  store: StoreConfig;
  /** profilesDir: where own profiles live; profileDir: the one in use (own copy, else the shipped example). */
  his: { profile: string; profilesDir: string; profileDir: string; connection: HisConnectionConfig; demo: boolean };
  serve: { host: string; port: number; allowedHosts: string[]; secureCookie: boolean };
  /** Session idle timeout and sign-in throttling (auth/throttle.ts). */
  auth: AuthConfig;
  /** Null: SMS goes to the log-only provider. Secrets inside: main only, never logged (messaging/config.ts). */
  twilio?: TwilioConfig | null;
  sms?: SmsConfig;
  /** A pause after each batch of an export, so a large one on a shared store leaves room for the nurses' queries. */
  /** keepDays: finished export files (patient data) are deleted after this many days. */
  exports?: { pauseBetweenBatchesMs: number; keepDays: number };
  /** The admin's PBX WebSocket origins: the only ones a softphone account may use and the CSP allows. */
  softphone?: { pbxWebSocketOrigins: string[] };
  /** Origins the desktop shell may hand to the system browser (electron/security.ts externalUrl). */
  desktop?: { openExternalOrigins: string[] };
  /** Scheduled backups of a SQLite store (store/backup-schedule.ts). */
  backup?: { hour: number | null; keep: number };
  /** The team key (32 bytes), when the workstations share one; null: each seals with its own. */
  teamKey?: Buffer | null;
  /** Root of the call recordings (calls/recordings.ts). */
  recordingsDir: string;
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
  // The URL (it may hold the password) can come from the environment; the pool size stays in the file.
  const poolMax = c.store?.client === 'pg' ? c.store.poolMax : undefined;
  const store: StoreConfig = env.FOLLOWUP_STORE_URL
    ? { client: 'pg', connection: env.FOLLOWUP_STORE_URL, ...(poolMax ? { poolMax } : {}) }
    : ((c.store as StoreConfig | undefined) ?? { client: 'sqlite', filename: path.join(dataDir, 'followup.sqlite') });
  const profile = c.his?.profile ?? 'demo';
  let connection: HisConnectionConfig = c.his?.connection ?? { client: 'sqlite', filename: path.join(dataDir, 'demo-his.sqlite') };
  if (env.FOLLOWUP_HIS_PASSWORD && (connection.client === 'mssql' || connection.client === 'oracledb'))
    connection = { ...connection, password: env.FOLLOWUP_HIS_PASSWORD };
  if (env.FOLLOWUP_HIS_URL) connection = { client: env.FOLLOWUP_HIS_URL.startsWith('mysql') ? 'mysql' : 'pg', connection: env.FOLLOWUP_HIS_URL };
  return {
    dataDir,
    store,
    his: {
      profile,
      profilesDir: profilesRoot(dataDir, c.his?.profilesDir),
      profileDir: resolveProfileDir(profilesRoot(dataDir, c.his?.profilesDir), templatesDir(), profile),
      connection,
      demo: c.his?.demo ?? (!c.his?.connection && !env.FOLLOWUP_HIS_URL),
    },
    serve: {
      host: c.serve?.host ?? '127.0.0.1',
      port: c.serve?.port ?? 5170,
      allowedHosts: c.serve?.allowedHosts ?? [],
      secureCookie: c.serve?.secureCookie ?? false,
    },
    auth: { ...DEFAULT_AUTH, ...c.auth },
    twilio: resolveTwilio(c.twilio, env),
    sms: resolveSms(c.sms),
    exports: { pauseBetweenBatchesMs: c.exports?.pauseBetweenBatchesMs ?? 0, keepDays: c.exports?.keepDays ?? EXPORT_KEEP_DAYS },
    softphone: { pbxWebSocketOrigins: c.softphone?.pbxWebSocketOrigins ?? [] },
    desktop: { openExternalOrigins: c.desktop?.openExternalOrigins ?? [] },
    backup: { hour: c.backup?.hour === undefined ? 2 : c.backup.hour, keep: c.backup?.keep ?? 7 },
    teamKey: teamKeyOf(c.team?.keyFile, dataDir, env),
    recordingsDir: path.resolve(dataDir, c.recordings?.dir ?? 'recordings'),
  };
}

/** FOLLOWUP_TEAM_KEY (base64) or the file config names (relative to the data folder). */
function teamKeyOf(keyFile: string | undefined, dataDir: string, env: NodeJS.ProcessEnv): Buffer | null {
  const key = env.FOLLOWUP_TEAM_KEY ? Buffer.from(env.FOLLOWUP_TEAM_KEY, 'base64') : keyFile ? fs.readFileSync(path.resolve(dataDir, keyFile)) : null;
  if (key && key.length !== 32) throw new Error('团队密钥必须是 32 字节 (the team key must be 32 bytes; followup team-key --out <file> makes one)');
  return key;
}
