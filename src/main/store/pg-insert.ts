import type { Knex } from 'knex';

/**
 * PostgreSQL: rows written as INSERT … VALUES (…), (…) of `per` rows each: round trips, not rows,
 * cost there. `head` ends with VALUES, `one` is one row's placeholders, `tail` follows (ON CONFLICT …).
 */
export async function pgInsertRows(trx: Knex.Transaction, head: string, one: string, rows: unknown[][], per: number, tail = ''): Promise<void> {
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await trx.raw(`${head}${part.map(() => one).join(', ')}${tail}`, part.flat() as never[]);
  }
}
