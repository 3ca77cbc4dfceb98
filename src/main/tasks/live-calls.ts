import type { Knex } from 'knex';
import { addBeijingMinutes } from '../../shared/beijing-time';
import type { LiveCall } from '../../shared/contract/followup';

// A patient on the line with a nurse right now: an incoming call ringing at her softphone, or a
// call in progress. Every workstation sees the others' (the queue marks the patient's tasks, and
// claimNext passes over them), so nobody dials a patient who is talking to a colleague. What the
// softphones report (calls.start / link / answered / end) is the whole truth; the time limits
// only stop a workstation that died mid-call from marking its patient for good.

/** A ring no one answered for this long has ended, whether or not its end was reported. */
export const RING_LIMIT_MINUTES = 2;
/** Longer than any follow-up call. */
export const TALK_LIMIT_MINUTES = 120;

/** The open calls, under the limits, as `calls as c`. */
export function openCalls(knex: Knex, now: string): Knex.QueryBuilder {
  return knex('calls as c')
    .whereNull('c.ended_at')
    .whereNotNull('c.patient_id')
    .where('c.started_at', '>=', addBeijingMinutes(now, -TALK_LIMIT_MINUTES))
    .where((w) => w.whereNotNull('c.answered_at').orWhere('c.started_at', '>=', addBeijingMinutes(now, -RING_LIMIT_MINUTES)));
}

/** For claimNext: the task's patient has no live call with another nurse. */
export function notOnTheLineWithOthers(knex: Knex, userId: number, now: string): (q: Knex.QueryBuilder) => Knex.QueryBuilder {
  return (q) => q.whereNotExists(openCalls(knex, now).whereRaw('c.patient_id = t.patient_id').whereNot('c.user_id', userId).select(knex.raw('1')));
}

/**
 * Each patient's live call with a nurse other than the viewer (whose own call is on her
 * softphone): one in progress before one ringing (a ring group rings several), then the latest.
 */
export async function liveCallsByPatient(knex: Knex, patientIds: number[], viewerId: number, now: string): Promise<Map<number, LiveCall>> {
  const out = new Map<number, LiveCall>();
  if (!patientIds.length) return out;
  const rows = (await openCalls(knex, now)
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .whereIn('c.patient_id', [...new Set(patientIds)])
    .whereNot('c.user_id', viewerId)
    .orderByRaw('case when c.answered_at is null then 0 else 1 end')
    .orderBy([{ column: 'c.started_at' }, { column: 'c.id' }])
    .select('c.patient_id', 'c.user_id', 'u.display_name', 'c.direction', 'c.started_at', 'c.answered_at')) as {
    patient_id: number;
    user_id: number | null;
    display_name: string | null;
    direction: 'inbound' | 'outbound';
    started_at: string;
    answered_at: string | null;
  }[];
  for (const r of rows)
    out.set(Number(r.patient_id), {
      nurse: { id: Number(r.user_id), name: r.display_name ?? '' },
      direction: r.direction,
      phase: r.answered_at ? 'talking' : 'ringing',
      since: r.answered_at ?? r.started_at,
    });
  return out;
}
