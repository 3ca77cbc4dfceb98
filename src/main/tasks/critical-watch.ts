import type { Knex } from 'knex';
import { describeError } from '../api/dispatcher';
import type { Store } from '../store/store';
import { beijingTimestamp, type Clock } from '../util/clock';
import type { EventBus } from '../util/events';
import { openCriticalNotifications } from '../critical-values/open';
import { escalateMissedNotifications } from './critical-escalate';

export interface CriticalValueCounts {
  /** Critical values put on the clock. */
  opened: number;
  /** Missed deadlines escalated. */
  escalated: number;
}

/** One pass: new critical values get their deadline, missed deadlines their escalation. */
export async function watchCriticalValues(knex: Knex, clock: Clock): Promise<CriticalValueCounts> {
  const now = beijingTimestamp(clock.now());
  const opened = await openCriticalNotifications(knex, now);
  return { opened, escalated: await escalateMissedNotifications(knex, now) };
}

// A deadline passes whether or not anything else happens, so the long-running processes
// (`followup serve`, the desktop app) look every minute, and once as they start (the follow-up
// cycle after a sync puts new critical values on the clock at once). Every workstation of a team
// looks; each escalation happens once.
export const WATCH_EVERY_MS = 60_000;

export interface CriticalValueWatch {
  tick(): Promise<CriticalValueCounts | null>;
  stop(): Promise<void>;
}

export function startCriticalValueWatch(
  app: { store: Store; clock: Clock; events: EventBus },
  log: (msg: string) => void,
  opts: { everyMs?: number } = {},
): CriticalValueWatch {
  let running: Promise<CriticalValueCounts | null> | null = null;
  const tick = (): Promise<CriticalValueCounts | null> => {
    running ??= watchCriticalValues(app.store.knex, app.clock)
      .then((n) => {
        if (n.opened || n.escalated) {
          log(`critical values: ${n.opened} put on the clock, ${n.escalated} escalated`);
          app.events.emit('tasks.changed', { source: 'criticalValues.watch' });
        }
        return n;
      })
      // Logs carry no patient data: the error's class, code and frames only.
      .catch((err: unknown) => (log(`critical values: the check failed: ${describeError(err)}`), null))
      .finally(() => (running = null));
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), opts.everyMs ?? WATCH_EVERY_MS);
  timer.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
