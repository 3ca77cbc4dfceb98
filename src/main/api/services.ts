import type { AppConfig } from '../config';
import type { SyncManager } from '../his/sync-manager';
import type { JobRunner } from '../jobs/job-runner';
import type { SmsProvider } from '../messaging/provider';
import type { Store } from '../store/store';
import type { Clock } from '../util/clock';
import type { EventBus } from '../util/events';

/** What handlers get: the store, the clock and the long-running services. */
export interface Services {
  store: Store;
  clock: Clock;
  sync: SyncManager;
  config: AppConfig;
  /** Where SMS go; omitted: from config (Twilio, else log-only). */
  sms?: SmsProvider;
  /** Server → UI events (export progress); omitted (tests): a private bus nobody hears. */
  events?: EventBus;
  /** Long work (exports); omitted (tests): a private runner. */
  jobs?: JobRunner;
}
