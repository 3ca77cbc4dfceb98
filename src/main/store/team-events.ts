import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import type { EventName, EventPayloads } from '../../shared/contract';
import type { EventBus } from '../util/events';

// A call centre's workstations share one PostgreSQL: what one of them announces (a task claimed,
// released, completed, a callback task created) reaches the others through LISTEN/NOTIFY within
// a second, so their queues refetch at once instead of polling. The payloads carry no patient data.

const CHANNEL = 'followup_events';
const SHARED: ReadonlySet<EventName> = new Set<EventName>(['tasks.changed']);
const RETRY_MS = 1_000;

type Shared = EventPayloads['tasks.changed'];
interface Notice {
  origin: string;
  event: EventName;
  payload: Shared;
  sentAt: number;
}

export interface TeamEvents {
  close(): Promise<void>;
}

/**
 * Publishes this process's shared events with pg_notify and emits the other processes' ones on
 * the local bus (marked with their origin, so they are not published again). A lost listening
 * connection is reopened; since what it missed is unknown, queues are then told to refetch.
 */
export async function startTeamEvents(
  knex: Knex,
  connection: string | Knex.PgConnectionConfig,
  events: EventBus,
  log: (m: string) => void,
): Promise<TeamEvents> {
  const origin = randomUUID();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const onNotice = (text: string | undefined) => {
    let n: Notice;
    try {
      n = JSON.parse(text ?? '') as Notice;
    } catch {
      return;
    }
    if (n.origin !== origin && SHARED.has(n.event)) events.emit(n.event, { ...n.payload, origin: n.origin, sentAt: n.sentAt });
  };

  const listen = async (): Promise<void> => {
    const c = new pg.Client(typeof connection === 'string' ? { connectionString: connection } : (connection as pg.ClientConfig));
    c.on('notification', (msg) => msg.channel === CHANNEL && onNotice(msg.payload));
    c.on('error', () => undefined); // 'end' follows and reconnects
    c.on('end', () => {
      if (client !== c || closed) return;
      client = null;
      log('team events: the listening connection was lost; reconnecting');
      reconnectSoon();
    });
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    client = c;
  };
  const reconnectSoon = () => {
    retry = setTimeout(() => {
      listen()
        .then(() => events.emit('tasks.changed', { source: 'reconnected', origin }))
        .catch((err: Error) => {
          log(`team events: cannot listen yet (${err.name})`);
          if (!closed) reconnectSoon();
        });
    }, RETRY_MS);
  };

  try {
    await listen();
  } catch (err) {
    log(`team events: cannot listen yet (${(err as Error).name}); retrying`);
    reconnectSoon();
  }
  const unsubscribe = events.subscribe((event, payload) => {
    if (!SHARED.has(event) || (payload as Shared).origin) return;
    const notice: Notice = { origin, event, payload: payload as Shared, sentAt: Date.now() };
    knex.raw('select pg_notify(?, ?)', [CHANNEL, JSON.stringify(notice)]).catch((err: Error) => log(`team events: cannot notify (${err.name})`));
  });

  return {
    async close() {
      closed = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
