import type { Knex } from 'knex';

/** How many statements of the connected PostgreSQL database wait for a lock right now. */
export async function lockWaiters(knex: Knex): Promise<number> {
  const { rows } = await knex.raw("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
  return Number(rows[0].n);
}

/** Until some statement of the database waits for a lock (the interleaving a test sets up). */
export async function untilSomeoneWaits(knex: Knex): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await lockWaiters(knex)) > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('nothing waited for a lock');
}
