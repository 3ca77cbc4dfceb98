import type { Knex } from 'knex';
import { audit } from '../auth/audit';
import { createDispatcher, type CallContext, type Dispatcher } from './dispatcher';
import { buildHandlers } from './handlers';
import type { AuditEntry } from './policy';
import type { Services } from './services';

/** The dispatcher over every handler, writing the contract's audit rows into the services' store. */
export function dispatcherFor(services: Services, log?: (msg: string) => void, announce?: (event: 'tasks.changed', method: string) => void): Dispatcher {
  const writeAudit = (ctx: CallContext, e: AuditEntry, trx?: Knex) =>
    audit(trx ?? services.store.knex, services.clock, ctx, e.action, e.patientId, e.detail ?? undefined);
  return createDispatcher(buildHandlers(services), log, announce, writeAudit);
}
