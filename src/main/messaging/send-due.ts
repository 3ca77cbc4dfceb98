import type { Knex } from 'knex';
import type { SmsTemplate } from '../../shared/messaging/template';
import type { Store } from '../store/store';
import { beijingDate, beijingTimestamp, type Clock } from '../util/clock';
import type { MessageStatus } from '../../shared/contract/messaging';
import { UNSUBSCRIBED, type SmsProvider } from './provider';
import { isOptedOut, mobilesOf } from './repo';
import { sendOne, sweepInterrupted, type MessagingDeps, type SendOutcome } from './send';
import { chronicTemplateFor, renderSms, shippedSmsTemplates } from './templates';

// The chronic-disease monthly loop (domain §7.9): SMS-channel tasks the plans generate are sent
// on their due day and closed with their message. Safe to run any number of times, or after a
// crash: the unique task key on messages means one message per task, ever.

export interface SendDueOptions {
  hospital?: string;
  statusCallbackUrl?: string | null;
  templates?: SmsTemplate[];
  log?: (m: string) => void;
}

export interface SendDueCounts {
  due: number;
  sent: number;
  optedOut: number;
  failed: number;
  noMobile: number;
  /** Tasks whose message an earlier run already wrote (closed now if it had not been). */
  alreadySent: number;
  /** 'sending' rows of a crashed run marked failed (never resent). */
  interrupted: number;
}

interface DueTask {
  id: number;
  patient_id: number;
  due_date: string;
  plan_code: string | null;
  dept_name: string | null;
  patient_name: string;
  deceased: number;
}

async function dueTasks(knex: Knex, today: string, now: string): Promise<DueTask[]> {
  return knex('tasks as t')
    .join('patients as p', 'p.id', 't.patient_id')
    .leftJoin('plans as pl', 'pl.id', 't.plan_id')
    .leftJoin('departments as d', 'd.id', 't.dept_id')
    .where({ 't.status': 'pending', 't.channel': 'sms', 't.kind': 'followup' })
    .where('t.due_date', '<=', today)
    .where('t.window_end', '>=', today)
    .where('t.available_at', '<=', now)
    .orderBy('t.id')
    .select('t.id', 't.patient_id', 't.due_date', 'pl.code as plan_code', 'd.name as dept_name', 'p.name as patient_name', 'p.deceased');
}

/** Closes a still-pending task; a task someone claimed or cancelled meanwhile is left alone. */
async function closeTask(knex: Knex, taskId: number, status: 'done' | 'cancelled' | 'unreachable', disposition: string, note: string, now: string) {
  await knex('tasks').where({ id: taskId, status: 'pending' }).update({ status, disposition, note, completed_at: now, updated_at: now });
}

export async function sendDueSms(store: Store, clock: Clock, provider: SmsProvider, opts: SendDueOptions = {}): Promise<SendDueCounts> {
  const knex = store.knex;
  const now = () => beijingTimestamp(clock.now());
  const templates = opts.templates ?? shippedSmsTemplates();
  const log = opts.log ?? (() => {});
  const deps: MessagingDeps = {
    knex,
    clock,
    provider,
    hospital: opts.hospital ?? '本院',
    statusCallbackUrl: opts.statusCallbackUrl ?? null,
    templates,
    log,
  };
  const counts: SendDueCounts = { due: 0, sent: 0, optedOut: 0, failed: 0, noMobile: 0, alreadySent: 0, interrupted: await sweepInterrupted(knex, clock) };
  const tasks = await dueTasks(knex, beijingDate(clock.now()), now());
  counts.due = tasks.length;
  for (const t of tasks) {
    const taskId = Number(t.id);
    if (Number(t.deceased)) continue; // the plans feature stops the plans of the dead
    const existing = await knex('messages').where({ task_id: taskId }).first('id', 'status', 'error_code');
    if (existing) {
      // Written by an earlier run that stopped before closing the task: close it, never resend.
      if (existing.status === 'sending') continue; // possibly a concurrent run in flight; swept later
      counts.alreadySent++;
      await closeAfter(knex, taskId, asOutcome(Number(existing.id), existing.status, existing.error_code), now());
      continue;
    }
    const [phone] = await mobilesOf(knex, Number(t.patient_id));
    if (!phone) {
      counts.noMobile++;
      await closeTask(knex, taskId, 'unreachable', 'no_mobile', '无可接收短信的手机号 (no mobile number for SMS)', now());
      continue;
    }
    if (await isOptedOut(knex, phone, Number(t.patient_id))) {
      counts.optedOut++;
      await closeTask(knex, taskId, 'cancelled', 'opt_out', '患者已退订短信 (opted out of SMS)', now());
      continue;
    }
    const template = chronicTemplateFor(templates, t.plan_code);
    if (!template) {
      log(`sms task ${taskId}: no chronic_monthly template under templates/sms; left pending`);
      continue;
    }
    const vars: Record<string, string> = {};
    for (const v of template.variables) {
      if (v.key === 'date') vars.date = t.due_date;
      else if (v.key === 'department') vars.department = t.dept_name ?? '随访中心';
    }
    let body: string;
    try {
      body = renderSms(template, vars, { patientName: t.patient_name, hospital: deps.hospital });
    } catch (err) {
      log(`sms task ${taskId}: template ${template.id} cannot be filled (${(err as Error).message}); left pending`);
      continue;
    }
    const out = await sendOne(deps, { patientId: Number(t.patient_id), phone, template: template.id, body, taskId });
    if (out.kind === 'opted_out' || (out.kind === 'failed' && out.optedOut)) counts.optedOut++;
    else if (out.kind === 'accepted') counts.sent++;
    else if (out.kind === 'failed') counts.failed++;
    else counts.alreadySent++;
    await closeAfter(knex, taskId, out, now());
  }
  return counts;
}

const UNKNOWN = /^(interrupted|network|error|5\d\d)$/;

/** What an earlier run's message came to, as if it had just been sent. */
function asOutcome(messageId: number, status: MessageStatus, errorCode: string | null): SendOutcome {
  if (status !== 'failed') return { kind: 'accepted', messageId, status };
  const code = errorCode ?? 'error';
  return { kind: 'failed', messageId, code, definite: !UNKNOWN.test(code), optedOut: code === UNSUBSCRIBED };
}

async function closeAfter(knex: Knex, taskId: number, out: SendOutcome, now: string): Promise<void> {
  switch (out.kind) {
    case 'opted_out':
      return closeTask(knex, taskId, 'cancelled', 'opt_out', '患者已退订短信 (opted out of SMS)', now);
    case 'duplicate':
      return; // the run that wrote it closes the task
    case 'accepted':
      return closeTask(knex, taskId, 'done', 'sms_sent', `短信 #${out.messageId}`, now);
    case 'failed':
      if (out.optedOut) return closeTask(knex, taskId, 'cancelled', 'opt_out', `患者已退订短信 (opted out; 短信 #${out.messageId})`, now);
      // Refused by the provider (bad number …): a nurse's call is the way left. Unknown (network,
      // crash): it may have gone out; either way it is never resent.
      return out.definite
        ? closeTask(knex, taskId, 'unreachable', 'sms_failed', `短信 #${out.messageId} 发送失败 (${out.code})`, now)
        : closeTask(knex, taskId, 'done', 'sms_unconfirmed', `短信 #${out.messageId} 未确认 (${out.code})`, now);
  }
}
