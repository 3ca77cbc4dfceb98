import { z } from 'zod';
import type { SmsTemplateKind, SmsVariable } from '../messaging/template';
import { ALL_ROLES, id, none, type MethodSpec } from './common';

// SMS to patients (education items, return-visit reminders, chronic-disease monthly reminders)
// through Twilio or, when Twilio is not configured, a log-only provider; opt-outs; and the
// Twilio Voice access token for the signed-in nurse. See docs/messaging.md.

export const messageStatuses = ['sending', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'logged', 'received'] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export type OptOutSource = 'reply' | 'manual' | 'provider';

export interface MessageRecord {
  id: number;
  direction: 'outbound' | 'inbound';
  patientId: number | null;
  /** E.164; masked (+86138****8000) for roles that do not see full numbers. */
  phone: string;
  template: string | null;
  body: string;
  provider: 'twilio' | 'log';
  status: MessageStatus;
  errorCode: string | null;
  errorMessage: string | null;
  /** The SMS-channel task this message carried out. */
  taskId: number | null;
  /** Outbound: the follow-up task whose screen it was sent from. Inbound: the task of the last task message to that number (a reply to the monthly reminder). */
  aboutTaskId: number | null;
  sentByName: string | null;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
}

export interface OptOutRecord {
  phone: string | null;
  source: OptOutSource;
  note: string | null;
  at: string;
}

export interface PatientMessages {
  patientId: number;
  /** True once any opt-out names this patient or one of the numbers: never messaged again. */
  optedOut: boolean;
  optOuts: OptOutRecord[];
  /** Newest first. */
  messages: MessageRecord[];
}

export interface SmsTemplateInfo {
  id: string;
  kind: SmsTemplateKind;
  name: string;
  nameEn: string;
  body: string;
  variables: SmsVariable[];
  plans: string[];
}

export interface SmsPreview {
  body: string;
  /** The number it would go to (masked as in messages.list), or null when the patient has no mobile. */
  phone: string | null;
  segments: number;
  optedOut: boolean;
}

export interface TwilioVoiceToken {
  token: string;
  identity: string;
  ttlSeconds: number;
  /** Beijing wall-clock time the token stops working; fetch a new one before. */
  expiresAt: string;
}

const WORKERS = ['nurse', 'head'] as const;
const variables = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/), z.string().max(500)).default({});
const templateId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
/** One of the patient's numbers as stored or as E.164; omitted: the patient's best mobile. */
const phone = z.string().trim().min(5).max(32).optional();

export const sendInput = z
  .object({
    patientId: id,
    template: templateId,
    variables,
    phone,
    /** The follow-up task whose screen sends it (shown on the timeline; several messages may share one). */
    taskId: id.optional(),
  })
  .strict();
export type SendInput = z.input<typeof sendInput>;

export const messagingMethods = {
  'messages.templates': { input: none, roles: ALL_ROLES, audit: 'none: shipped templates' },
  'messages.list': {
    input: z.object({ patientId: id, limit: z.number().int().min(1).max(500).default(100) }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'sms.list', patient: 'input.patientId', detail: ['rows=output.messages.length'] },
    mask: { e164: ['messages[].phone', 'optOuts[].phone'] },
  },
  'messages.preview': {
    input: sendInput.omit({ taskId: true }),
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'sms.preview', patient: 'input.patientId', detail: ['input.template'] },
    mask: { e164: ['phone'] },
  },
  'messages.send': {
    input: sendInput,
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'sms.send', patient: 'output.patientId', detail: ['messageId=output.id', 'output.template', 'output.status'] },
    mask: { e164: ['phone'] },
  },
  /** Manual opt-out (the patient asked on the phone): every number of the patient, for good. */
  'messages.optOut': {
    input: z.object({ patientId: id, note: z.string().trim().max(200).optional() }).strict(),
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'sms.opt_out', patient: 'input.patientId', detail: ['output.optOuts'] },
  },
  /** A Twilio Voice access token for the signed-in user (identity = username), when Twilio voice is configured. */
  'calls.twilioToken': { input: none, roles: ALL_ROLES, audit: { kind: 'access', action: 'twilio.voice_token', detail: ['output.ttlSeconds'] } },
} satisfies Record<string, MethodSpec>;

export interface MessagingOutputs {
  'messages.templates': SmsTemplateInfo[];
  'messages.list': PatientMessages;
  'messages.preview': SmsPreview;
  'messages.send': MessageRecord;
  'messages.optOut': { patientId: number; optOuts: number };
  'calls.twilioToken': TwilioVoiceToken;
}
