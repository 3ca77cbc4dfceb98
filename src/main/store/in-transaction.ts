import type { Knex } from 'knex';
import type { Store } from './store';

/**
 * Runs `fn` on the store inside one transaction (nested transactions become savepoints), so a
 * change and the call's audit row (api/dispatcher.ts auditWithin) commit together or not at all.
 */
export function inTransaction<T>(store: Store, fn: (trx: Store) => Promise<T>): Promise<T> {
  return store.knex.transaction((trx) => fn({ ...store, knex: trx }));
}

/** What a handler's call context offers for this (api/dispatcher.ts PublicContext). */
interface AuditsWithin {
  auditWithin(trx: Store['knex'], output?: unknown): Promise<void>;
}

/** A handler's change and its audit row in one transaction; the row reads the change's output. */
export function auditedChange<T>(store: Store, ctx: AuditsWithin, fn: (trx: Store) => Promise<T>): Promise<T> {
  return inTransaction(store, async (trx) => {
    const out = await fn(trx);
    await ctx.auditWithin(trx.knex, out);
    return out;
  });
}

/** `fn` in a transaction: the caller's when it is already in one (no savepoint round trips), else a new one. */
export function joinTransaction<T>(knex: Knex, fn: (trx: Knex) => Promise<T>): Promise<T> {
  return (knex as Knex.Transaction).isTransaction ? fn(knex) : knex.transaction(fn);
}
