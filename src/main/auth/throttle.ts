import type { Knex } from 'knex';
import { beijingTimestamp, type Clock } from '../util/clock';

// Sign-in throttling. Each attempt is counted *before* its password is checked, in one
// transaction per subject, so parallel guesses cannot all pass the check before any failure is
// written. The attempt that reaches the limit locks the subject; a right password on that very
// attempt still signs in (and clears the account's count), any later one is refused until the
// lock ends or an admin lifts it (users.unlock, `followup user unlock`).

export interface ThrottleLimits {
  /** Failures of one account (known or not) within lockMinutes that lock it. */
  maxFailuresPerAccount: number;
  /** Failures from one client address within lockMinutes that lock it; 0: no address limit. */
  maxFailuresPerAddress: number;
  lockMinutes: number;
}

export type Subject = { kind: 'account' | 'address'; value: string };

const TABLE = 'sign_in_throttle';
const key = (s: Subject) => `${s.kind}:${s.value}`.slice(0, 200);
const maxOf = (s: Subject, l: ThrottleLimits) => (s.kind === 'account' ? l.maxFailuresPerAccount : l.maxFailuresPerAddress);

interface Row {
  subject: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

async function lockedRow(trx: Knex.Transaction, subject: string): Promise<Row> {
  await trx(TABLE).insert({ subject, failures: 0, window_start: '0000-00-00 00:00:00', locked_until: null }).onConflict('subject').ignore();
  const q = trx(TABLE).where({ subject }).first();
  // On SQLite the store's single connection already runs one transaction at a time.
  const pg = /^(pg|postgres)/.test(String(trx.client.config.client));
  return (await (pg ? q.forUpdate() : q)) as Row;
}

/** Counts one attempt against `subject`; false (nothing counted) while it is locked. */
export async function reserveAttempt(knex: Knex, clock: Clock, subject: Subject, limits: ThrottleLimits): Promise<boolean> {
  const max = maxOf(subject, limits);
  if (max <= 0) return true;
  const now = clock.now().getTime();
  const stamp = beijingTimestamp(new Date(now));
  const windowFrom = beijingTimestamp(new Date(now - limits.lockMinutes * 60_000));
  return knex.transaction(async (trx) => {
    const row = await lockedRow(trx, key(subject));
    if (row.locked_until && row.locked_until > stamp) return false;
    const fresh = row.locked_until !== null || row.window_start <= windowFrom;
    const failures = (fresh ? 0 : Number(row.failures)) + 1;
    await trx(TABLE)
      .where({ subject: row.subject })
      .update({
        failures,
        window_start: fresh ? stamp : row.window_start,
        locked_until: failures >= max ? beijingTimestamp(new Date(now + limits.lockMinutes * 60_000)) : null,
      });
    return true;
  });
}

/**
 * A right password: the account starts afresh; the address only gets this attempt back, so a
 * guesser holding one valid account cannot reset the address's count by signing in with it.
 */
export async function attemptSucceeded(knex: Knex, subject: Subject, limits: ThrottleLimits): Promise<void> {
  if (subject.kind === 'account')
    return void (await knex(TABLE)
      .where({ subject: key(subject) })
      .delete());
  await knex.transaction(async (trx) => {
    const row = (await trx(TABLE)
      .where({ subject: key(subject) })
      .first()) as Row | undefined;
    if (!row) return;
    const failures = Math.max(Number(row.failures) - 1, 0);
    await trx(TABLE)
      .where({ subject: row.subject })
      .update({ failures, locked_until: failures >= limits.maxFailuresPerAddress ? row.locked_until : null });
  });
}

/** Lifts a lock and forgets the failures; true when there was anything to forget. */
export async function unlock(knex: Knex, subject: Subject): Promise<boolean> {
  return (
    (await knex(TABLE)
      .where({ subject: key(subject) })
      .delete()) > 0
  );
}

/** Accounts locked now: username → when the lock ends. */
export async function accountLocks(knex: Knex, clock: Clock): Promise<Map<string, string>> {
  const rows = (await knex(TABLE)
    .where('subject', 'like', 'account:%')
    .andWhere('locked_until', '>', beijingTimestamp(clock.now()))
    .select('subject', 'locked_until')) as Pick<Row, 'subject' | 'locked_until'>[];
  return new Map(rows.map((r) => [r.subject.slice('account:'.length), r.locked_until!]));
}
