import type { Knex } from 'knex';
import type { MessageRecord, MessageStatus, OptOutRecord, OptOutSource, PatientMessages } from '../../shared/contract/messaging';
import type { Role } from '../../shared/model';
import { canSeeFullPhone } from '../auth/permissions';
import { advances } from './status';
import { maskE164, storedSpellings, toE164 } from './text';

// The messages and sms_opt_outs tables. Every write that a webhook or a second run could race
// is conditional (status only moves forward, unique task key, opt-outs insert-or-ignore).

export interface MessageRow {
  id: number;
  direction: string;
  patient_id: number | null;
  phone: string;
  template: string | null;
  body: string;
  provider: string;
  provider_sid: string | null;
  status: MessageStatus;
  error_code: string | null;
  error_message: string | null;
  task_id: number | null;
  about_task_id: number | null;
  sent_by: number | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

/** Opted out if the number or the patient appears in any opt-out, whatever its source. */
export async function isOptedOut(knex: Knex, phone: string | null, patientId: number | null): Promise<boolean> {
  if (!phone && !patientId) return false;
  const row = await knex('sms_opt_outs')
    .where((q) => {
      if (phone) q.orWhere('phone', phone);
      if (patientId) q.orWhere('patient_id', patientId);
    })
    .first('id');
  return !!row;
}

/** Patients whose stored numbers are this E.164 number, own numbers first. */
export async function patientsByPhone(knex: Knex, e164: string): Promise<{ patientId: number; role: string }[]> {
  const rows = await knex('phones')
    .whereIn('number', storedSpellings(e164))
    .orderBy([{ column: 'role', order: 'desc' }, 'patient_id'])
    .select('patient_id', 'role');
  const seen = new Set<number>();
  return rows
    .filter((r: { patient_id: number }) => !seen.has(Number(r.patient_id)) && seen.add(Number(r.patient_id)))
    .map((r: { patient_id: number; role: string }) => ({ patientId: Number(r.patient_id), role: r.role }));
}

/** The patient's usable mobiles as E.164: own number first, then by answered calls. */
export async function mobilesOf(knex: Knex, patientId: number): Promise<string[]> {
  const rows = await knex('phones')
    .where({ patient_id: patientId, wrong_number: 0 })
    .orderBy([{ column: 'role', order: 'desc' }, { column: 'success_count', order: 'desc' }, 'id'])
    .pluck('number');
  return [...new Set(rows.map((n: string) => toE164(n)).filter((n): n is string => !!n))];
}

export interface OptOut {
  phone: string | null;
  patientId: number | null;
  source: OptOutSource;
  note?: string | null;
  byUser?: number | null;
  at: string;
}

/** Idempotent: a number that already opted out keeps its first record. */
export async function recordOptOut(knex: Knex, o: OptOut): Promise<void> {
  const row = { phone: o.phone, patient_id: o.patientId, source: o.source, note: o.note ?? null, by_user: o.byUser ?? null, at: o.at };
  if (o.phone) {
    await knex('sms_opt_outs').insert(row).onConflict('phone').ignore();
    return;
  }
  if (o.patientId && (await knex('sms_opt_outs').where({ patient_id: o.patientId }).first('id'))) return;
  await knex('sms_opt_outs').insert(row);
}

/**
 * A number opted out (STOP reply, or Twilio's 21610): the number is blocked, and so is every
 * patient whose own number it is (a patient who opts out is never messaged again).
 */
export async function optOutNumber(knex: Knex, phone: string, source: OptOutSource, at: string): Promise<void> {
  // A contact's number (a daughter's) blocks that number only, not the patient's own.
  const owners = (await patientsByPhone(knex, phone)).filter((p) => p.role === 'self').map((p) => p.patientId);
  const first = owners[0] ?? null;
  await recordOptOut(knex, { phone, patientId: first, source, at });
  for (const id of owners) if (id !== first) await recordOptOut(knex, { phone: null, patientId: id, source, at, note: `via ${phone}` });
}

export type NewMessage = Pick<MessageRow, 'direction' | 'patient_id' | 'phone' | 'template' | 'body' | 'provider' | 'status'> &
  Partial<Pick<MessageRow, 'task_id' | 'about_task_id' | 'sent_by' | 'provider_sid' | 'error_code' | 'error_message' | 'sent_at'>>;

export async function insertMessage(knex: Knex, m: NewMessage, now: string): Promise<number> {
  const [row] = await knex('messages')
    .insert({ ...m, created_at: now, updated_at: now })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

/** The status moves only forward; the provider sid and error are filled when first known. */
export async function advanceStatus(knex: Knex, id: number, next: MessageStatus, patch: Partial<MessageRow>, now: string): Promise<boolean> {
  const row = await knex('messages').where({ id }).first<MessageRow>('status');
  if (!row) return false;
  const fill: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && v !== null) fill[k] = v;
  if (!advances(row.status, next)) {
    // A late or repeated callback changes nothing but may carry the sid we did not store yet.
    if (patch.provider_sid) await knex('messages').where({ id }).whereNull('provider_sid').update({ provider_sid: patch.provider_sid, updated_at: now });
    return false;
  }
  const n = await knex('messages')
    .where({ id, status: row.status })
    .update({ ...fill, status: next, updated_at: now });
  return n > 0;
}

const toRecord = (r: MessageRow & { sent_by_name?: string | null }, fullPhone: boolean): MessageRecord => ({
  id: Number(r.id),
  direction: r.direction as MessageRecord['direction'],
  patientId: r.patient_id === null ? null : Number(r.patient_id),
  phone: fullPhone ? r.phone : maskE164(r.phone),
  template: r.template,
  body: r.body,
  provider: r.provider as MessageRecord['provider'],
  status: r.status,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  taskId: r.task_id === null ? null : Number(r.task_id),
  aboutTaskId: r.about_task_id === null ? null : Number(r.about_task_id),
  sentByName: r.sent_by_name ?? null,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  updatedAt: r.updated_at,
});

export async function messageRecord(knex: Knex, id: number, role: Role): Promise<MessageRecord> {
  const r = await knex('messages as m').leftJoin('users as u', 'u.id', 'm.sent_by').where('m.id', id).first('m.*', 'u.display_name as sent_by_name');
  return toRecord(r, canSeeFullPhone(role));
}

export async function patientMessages(knex: Knex, patientId: number, role: Role, limit: number): Promise<PatientMessages> {
  const full = canSeeFullPhone(role);
  const rows = await knex('messages as m')
    .leftJoin('users as u', 'u.id', 'm.sent_by')
    .where('m.patient_id', patientId)
    .orderBy([
      { column: 'm.created_at', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ])
    .limit(limit)
    .select('m.*', 'u.display_name as sent_by_name');
  const phones = await mobilesOf(knex, patientId);
  const optRows = await knex('sms_opt_outs')
    .where('patient_id', patientId)
    .orWhereIn('phone', phones.length ? phones : ['-'])
    .orderBy('at');
  type OptRow = { phone: string | null; patient_id: number | null; source: OptOutSource; note: string | null; at: string };
  const optOuts: OptOutRecord[] = optRows.map((o: OptRow) => ({
    phone: o.phone && !full ? maskE164(o.phone) : o.phone,
    source: o.source,
    note: o.note,
    at: o.at,
  }));
  // Out for good when the patient opted out, or when every number that could take an SMS did.
  const blocked = new Set(optRows.map((o: OptRow) => o.phone));
  const optedOut = optRows.some((o: OptRow) => Number(o.patient_id) === patientId) || (phones.length > 0 && phones.every((p) => blocked.has(p)));
  return { patientId, optedOut, optOuts, messages: rows.map((r: MessageRow) => toRecord(r, full)) };
}
