import type { Knex } from 'knex';
import type { MessageStatus } from '../../shared/contract/messaging';
import type { SmsTemplate } from '../../shared/messaging/template';
import { beijingTimestamp, type Clock } from '../util/clock';
import { SmsProviderError, UNSUBSCRIBED, type SmsProvider } from './provider';
import { advanceStatus, insertMessage, isOptedOut, optOutNumber } from './repo';

// Sending one SMS: the opt-out check, then a 'sending' row, then the provider. The row comes
// first so that a crash or a rerun finds it (its task key is unique) and never sends twice;
// the opt-out check sits right before the provider call, so an opt-out recorded after a
// message was queued or a task was generated still stops it.

export interface MessagingDeps {
  knex: Knex;
  clock: Clock;
  provider: SmsProvider;
  hospital: string;
  /** Twilio's delivery receipts go here (this server's POST /twilio/status, public URL). */
  statusCallbackUrl: string | null;
  templates: SmsTemplate[];
  log: (m: string) => void;
}

export interface Outgoing {
  patientId: number | null;
  phone: string; // E.164
  template: string | null;
  body: string;
  /** The SMS-channel task carried out (unique: one message per task, ever). */
  taskId?: number | null;
  aboutTaskId?: number | null;
  sentBy?: number | null;
}

export type SendOutcome =
  | { kind: 'opted_out' }
  /** A message for this task exists already (earlier run, concurrent run, or a crash). */
  | { kind: 'duplicate'; messageId: number }
  | { kind: 'accepted'; messageId: number; status: MessageStatus }
  | { kind: 'failed'; messageId: number; code: string; definite: boolean; optedOut: boolean };

/** ?msg=<id> on the callback URL: receipts find their row even before the sid is stored. */
export function callbackUrlFor(base: string | null, messageId: number): string | null {
  if (!base) return null;
  const u = new URL(base);
  u.searchParams.set('msg', String(messageId));
  return u.toString();
}

const isUniqueViolation = (err: unknown) => /unique|duplicate key/i.test(String((err as Error)?.message ?? err));

export async function sendOne(deps: MessagingDeps, m: Outgoing): Promise<SendOutcome> {
  const { knex, clock, provider } = deps;
  const now = () => beijingTimestamp(clock.now());
  if (await isOptedOut(knex, m.phone, m.patientId)) return { kind: 'opted_out' };
  let id: number;
  try {
    id = await insertMessage(
      knex,
      {
        direction: 'outbound',
        patient_id: m.patientId,
        phone: m.phone,
        template: m.template,
        body: m.body,
        provider: provider.name,
        status: 'sending',
        task_id: m.taskId ?? null,
        about_task_id: m.aboutTaskId ?? null,
        sent_by: m.sentBy ?? null,
      },
      now(),
    );
  } catch (err) {
    if (m.taskId && isUniqueViolation(err)) {
      const row = await knex('messages').where({ task_id: m.taskId }).first('id');
      if (row) return { kind: 'duplicate', messageId: Number(row.id) };
    }
    throw err;
  }
  try {
    const accepted = await provider.send({
      to: m.phone,
      body: m.body,
      statusCallback: provider.name === 'twilio' ? callbackUrlFor(deps.statusCallbackUrl, id) : null,
    });
    await knex('messages').where({ id }).update({ provider_sid: accepted.sid, sent_at: now(), updated_at: now() });
    // A receipt may already have moved the row on (sent, delivered): only move it forward.
    await advanceStatus(knex, id, accepted.status, {}, now());
    return { kind: 'accepted', messageId: id, status: accepted.status };
  } catch (err) {
    const e = err instanceof SmsProviderError ? err : new SmsProviderError('error', String((err as Error)?.message ?? err).slice(0, 256), false);
    await advanceStatus(knex, id, 'failed', { error_code: e.code, error_message: e.message }, now());
    const optedOut = e.code === UNSUBSCRIBED;
    // Twilio knows the number unsubscribed (STOP at the carrier): record it so we never try again.
    if (optedOut) await optOutNumber(knex, m.phone, 'provider', now());
    deps.log(`sms #${id} via ${provider.name} failed: ${e.code} ${e.message}`);
    return { kind: 'failed', messageId: id, code: e.code, definite: e.definite, optedOut };
  }
}

/** Rows left in 'sending' by a crash: whether the provider got them is unknown, so never resent. */
export async function sweepInterrupted(knex: Knex, clock: Clock, olderThanMinutes = 10): Promise<number> {
  const cutoff = beijingTimestamp(new Date(clock.now().getTime() - olderThanMinutes * 60_000));
  return knex('messages')
    .where({ status: 'sending' })
    .where('created_at', '<', cutoff)
    .update({
      status: 'failed',
      error_code: 'interrupted',
      error_message: 'interrupted before the provider answered; not resent (it may have gone out)',
      updated_at: beijingTimestamp(clock.now()),
    });
}
