import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from './app';
import { createUser } from './auth/users';
import { passwordProblem } from './auth/password-policy';
import { randomPassword } from './auth/passwords';
import { loadConfig, type AppConfig } from './config';
import { generateDemoHis } from './his/demo/generate';
import { SyncHeldElsewhere } from './his/sync-manager';
import { diagnosisSynonyms } from './diagnoses/diagnosis-synonyms';
import { runFollowupCycle } from './plans/cycle';
import { activateDemoPlan } from './plans/demo-plan';
import { questionnairesOf } from './questionnaires/store-library';
import { beijingDate, systemClock, type Clock } from './util/clock';
import { ensurePrivateDir, restrictFile, restrictSqliteFiles } from './util/private-files';

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
  ensurePrivateDir(dataDir);
  // It may name HIS and store credentials.
  restrictFile(path.join(dataDir, 'config.json'));
  const config = loadConfig(dataDir);
  ensureDemoHis(config, opts.demoPatients ?? 2000, clock, log);
  const app = await createApp(config, { clock, log });
  try {
    const initialAdminPasswordFile = await ensureAdmin(app, dataDir);
    // Demo data only: a plan is live before the first sync, whose follow-up cycle then makes tasks.
    const demoPlan = await activateDemoPlan(app.store, clock, config.his.demo, log);
    const synced = await app.store.knex('sync_runs').where({ status: 'ok' }).first();
    if (synced && demoPlan)
      log(
        `follow-up: ${JSON.stringify(await runFollowupCycle(app.store, clock, await questionnairesOf(app.store.knex, clock, log), { log, synonyms: diagnosisSynonyms(dataDir) }))}`,
      );
    if (!synced) {
      log(`first sync from ${config.his.profile} HIS …`);
      // A HIS that cannot be reached does not stop the workstation: users can sign in, and the
      // failed run (naming the database) is on the sync screen, where an admin can try again.
      const started = await app.sync.start('startup').catch((err) => {
        // A team's workstations starting together: the one holding the sync lease loads the HIS.
        if (!(err instanceof SyncHeldElsewhere)) throw err;
        log(`first sync left to another workstation: ${err.message}`);
        return null;
      });
      if (started) {
        const run = await started.done;
        if (started.failedToStart) log(`first sync did not run, starting without HIS data: ${started.failedToStart.message}`);
        else log(`sync ${run.status}${run.error ? `: ${run.error}` : ''}`);
      }
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
  if (!config.his.demo || his.client !== 'sqlite') return;
  if (!fs.existsSync(his.filename)) {
    log(`generating a demo HIS at ${his.filename} …`);
    const s = generateDemoHis({ out: his.filename, patients, seed: 1, endDate: beijingDate(clock.now()) });
    log(`demo HIS: ${s.patients} patients, ${s.encounters} encounters`);
  }
  restrictSqliteFiles(his.filename);
}

/** The first admin gets a random password in a file only the OS user can read, never in a log. */
async function ensureAdmin(app: App, dataDir: string): Promise<string | null> {
  const file = path.join(dataDir, 'initial-admin-password.txt');
  const [{ n }] = await app.store.knex('users').count({ n: '*' });
  if (Number(n) > 0) return fs.existsSync(file) ? file : null;
  const password = process.env.FOLLOWUP_ADMIN_PASSWORD || randomPassword();
  const weak = passwordProblem('admin', password);
  if (weak) throw new Error(`FOLLOWUP_ADMIN_PASSWORD: ${weak}`);
  await createUser(app.store.knex, app.clock, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}
