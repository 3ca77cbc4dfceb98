import type { User } from '../shared/model';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { buildHandlers } from './api/handlers';
import { userForToken } from './auth/users';
import type { AppConfig } from './config';
import { recoverExports } from './exports/export-service';
import { SyncManager } from './his/sync-manager';
import { JobRunner } from './jobs/job-runner';
import { smsProviderFor } from './messaging/handlers';
import type { SmsProvider } from './messaging/provider';
import { runFollowupCycle } from './plans/cycle';
import { openStore, type Store } from './store/store';
import { shippedLibrary } from './questionnaires/questionnaire-library';
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
  userForToken(token: string | null): Promise<User | null>;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig, opts: { clock?: Clock; log?: (msg: string) => void; sms?: SmsProvider } = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((msg: string) => console.error(msg));
  const store = await openStore(config.store);
  const events = new EventBus();
  const jobs = new JobRunner(log);
  await recoverExports(store.knex, clock, config.dataDir);
  const sync = new SyncManager(store, config, clock, events, log);
  sync.afterSuccess = async (run) =>
    log(`follow-up after sync ${run.id}: ${JSON.stringify(await runFollowupCycle(store, clock, shippedLibrary(), { since: run.startedAt, log }))}`);
  const dispatcher = createDispatcher(buildHandlers({ store, clock, sync, config, sms: opts.sms ?? smsProviderFor(config, log), events, jobs }), log);
  return {
    config,
    store,
    clock,
    events,
    sync,
    jobs,
    dispatcher,
    userForToken: (token) => userForToken(store.knex, clock, token),
    close: async () => {
      await sync.cancelAll();
      await jobs.cancelAll();
      await store.close();
    },
  };
}
