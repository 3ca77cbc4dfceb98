import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from './app';
import { createUser } from './auth/users';
import { randomPassword } from './auth/passwords';
import { loadConfig, type AppConfig } from './config';
import { generateDemoHis } from './his/demo/generate';
import { beijingDate, systemClock, type Clock } from './util/clock';

export interface StartOptions {
  /** Patients in a demo HIS generated on first start. */
  demoPatients?: number;
  clock?: Clock;
  log?: (msg: string) => void;
}

/**
 * What both shells do on start: load the config, make the demo HIS on first run (embedded
 * defaults), open the store, make sure an admin exists, and sync once if never synced.
 */
export async function startWorkstation(dataDir: string, opts: StartOptions = {}): Promise<{ app: App; initialAdminPasswordFile: string | null }> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const clock = opts.clock ?? systemClock;
  fs.mkdirSync(dataDir, { recursive: true });
  const config = loadConfig(dataDir);
  ensureDemoHis(config, opts.demoPatients ?? 2000, clock, log);
  const app = await createApp(config, { clock, log });
  try {
    const initialAdminPasswordFile = await ensureAdmin(app, dataDir);
    const synced = await app.store.knex('sync_runs').where({ status: 'ok' }).first();
    if (!synced) {
      log(`first sync from ${config.his.profile} HIS …`);
      const { done } = await app.sync.start('startup');
      const run = await done;
      log(`sync ${run.status}${run.error ? `: ${run.error}` : ''}`);
    }
    return { app, initialAdminPasswordFile };
  } catch (err) {
    await app.close();
    throw err;
  }
}

/** On embedded defaults the HIS is a generated demo file, made once, ending on the clock's Beijing today. */
export function ensureDemoHis(config: AppConfig, patients: number, clock: Clock, log: (msg: string) => void): void {
  const his = config.his.connection;
  if (!config.his.demo || his.client !== 'sqlite' || fs.existsSync(his.filename)) return;
  log(`generating a demo HIS at ${his.filename} …`);
  const s = generateDemoHis({ out: his.filename, patients, seed: 1, endDate: beijingDate(clock.now()) });
  log(`demo HIS: ${s.patients} patients, ${s.encounters} encounters`);
}

/** The first admin gets a random password in a file only the OS user can read, never in a log. */
async function ensureAdmin(app: App, dataDir: string): Promise<string | null> {
  const file = path.join(dataDir, 'initial-admin-password.txt');
  const [{ n }] = await app.store.knex('users').count({ n: '*' });
  if (Number(n) > 0) return fs.existsSync(file) ? file : null;
  const password = process.env.FOLLOWUP_ADMIN_PASSWORD || randomPassword();
  await createUser(app.store.knex, app.clock, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}
