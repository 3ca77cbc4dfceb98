import type { User } from '../shared/model';
import { dispatcherFor } from './api/app-dispatcher';
import type { Dispatcher } from './api/dispatcher';
import { AuditSealer } from './auth/audit-sealer';
import { userForToken, type SessionCheck } from './auth/users';
import type { AppConfig } from './config';
import { recoverExports } from './exports/export-service';
import { SyncManager } from './his/sync-manager';
import { JobRunner } from './jobs/job-runner';
import { smsProviderFor } from './messaging/handlers';
import type { SmsProvider } from './messaging/provider';
import { diagnosisSynonyms } from './diagnoses/diagnosis-synonyms';
import { runFollowupCycle } from './plans/cycle';
import { openStore, type Store } from './store/store';
import { startTeamEvents } from './store/team-events';
import { questionnairesOf } from './questionnaires/store-library';
import { systemClock, type Clock } from './util/clock';
import { EventBus } from './util/events';

/** Everything a shell (Electron, HTTP server, CLI) needs; it knows nothing of either. */
export interface App {
  config: AppConfig;
  store: Store;
  clock: Clock;
  events: EventBus;
  sync: SyncManager;
  jobs: JobRunner;
  dispatcher: Dispatcher;
  /** The session's user, or null when it has ended (signed out, idle too long, past 12 h). */
  userForToken(token: string | null, opts?: Pick<SessionCheck, 'touch'>): Promise<User | null>;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, opts: { clock?: Clock; log?: (msg: string) => void; sms?: SmsProvider } = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((msg: string) => console.error(msg));
  const store = await openStore(config.store);
  const events = new EventBus();
  const jobs = new JobRunner(log);
  await recoverExports(store.knex, clock, config.dataDir);
  // Chains the audit rows this and other workstations write; a first pass over the whole log now.
  const sealer = new AuditSealer(store.knex, clock, log).start();
  // Publishes this program's questionnaires now, so the first follow-up saved does not wait for it.
  await questionnairesOf(store.knex, clock, log);
  const sync = new SyncManager(store, config, clock, events, log);
  sync.afterSuccess = async (run) => {
    log(
      `follow-up after sync ${run.id}: ${JSON.stringify(await runFollowupCycle(store, clock, await questionnairesOf(store.knex, clock, log), { since: run.startedAt, log, synonyms: diagnosisSynonyms(config.dataDir) }))}`,
    );
    events.emit('tasks.changed', { source: 'sync' });
  };
  const announce = (event: 'tasks.changed', method: string) => events.emit(event, { source: method });
  const dispatcher = dispatcherFor({ store, clock, sync, config, sms: opts.sms ?? smsProviderFor(config, log), events, jobs }, log, announce);
  const team = config.store.client === 'pg' ? await startTeamEvents(store.knex, config.store.connection, events, log) : null;
  return {
    config,
    store,
    clock,
    events,
    sync,
    jobs,
    dispatcher,
    userForToken: (token, o) => userForToken(store.knex, clock, token, { idleMinutes: config.auth.idleMinutes, ...o }),
    close: async () => {
      await sync.cancelAll();
      await jobs.cancelAll();
      await team?.close();
      await sealer.close();
      await store.close();
    },
  };
}
