import type { Knex } from 'knex';
import type { AttemptInfo, AttemptOutcome, CallPhone } from '../../shared/contract/followup';
import type { Role } from '../../shared/model';
import { canSeeFullPhone, maskPhone } from '../auth/permissions';

/** One dial as the contract shows it; `fullPhone` from canSeeFullPhone(role), the number masked otherwise. */
export const toAttempt = (r: Record<string, unknown>, fullPhone: boolean): AttemptInfo => ({
  id: Number(r.id),
  taskId: Number(r.task_id),
  phoneNumber: fullPhone ? (r.phone_number as string) : (maskPhone(r.phone_number as string) as string),
  outcome: r.outcome as AttemptOutcome,
  startedAt: r.started_at as string,
  endedAt: (r.ended_at as string) ?? null,
  nurse: r.nurse_id == null ? null : { id: Number(r.nurse_id), name: (r.nurse_name as string) ?? '' },
  callId: r.call_id == null ? null : Number(r.call_id),
  note: (r.note as string) ?? null,
});

export const attemptQuery = (knex: Knex) => knex('attempts as a').leftJoin('users as u', 'u.id', 'a.nurse_id').select('a.*', 'u.display_name as nurse_name');

/**
 * The patient's numbers in the order to try them: the number tried least for this task comes
 * next, ties broken by success history (self before contacts, more successes, fewer failures);
 * numbers marked wrong are listed last and never suggested.
 */
export async function callPhones(knex: Knex, patientId: number, taskId: number, role: Role): Promise<CallPhone[]> {
  const phones = await knex('phones')
    .where({ patient_id: patientId })
    .orderBy([
      { column: 'wrong_number' },
      { column: 'role', order: 'desc' },
      { column: 'success_count', order: 'desc' },
      { column: 'fail_count' },
      { column: 'id' },
    ]);
  const recent = await attemptQuery(knex).where('a.patient_id', patientId).orderBy('a.id', 'desc').limit(200);
  const tries = new Map<string, number>();
  for (const a of recent) if (Number(a.task_id) === taskId) tries.set(a.phone_number, (tries.get(a.phone_number) ?? 0) + 1);
  const usable = phones.filter((p: { wrong_number: number }) => !Number(p.wrong_number));
  const least = Math.min(...usable.map((p: { number: string }) => tries.get(p.number) ?? 0));
  const suggested = usable.find((p: { number: string }) => (tries.get(p.number) ?? 0) === least)?.number ?? null;
  const full = canSeeFullPhone(role);
  return phones.map((p: Record<string, unknown>): CallPhone => ({
    number: full ? (p.number as string) : (maskPhone(p.number as string) as string),
    kind: p.kind as CallPhone['kind'],
    role: p.role as CallPhone['role'],
    contactName: (p.contact_name as string) ?? null,
    relation: (p.relation as string) ?? null,
    successCount: Number(p.success_count),
    failCount: Number(p.fail_count),
    wrongNumber: !!Number(p.wrong_number),
    suggested: p.number === suggested,
    recent: recent
      .filter((a: { phone_number: string }) => a.phone_number === p.number)
      .slice(0, 10)
      .map((a: Record<string, unknown>) => toAttempt(a, full)),
  }));
}
