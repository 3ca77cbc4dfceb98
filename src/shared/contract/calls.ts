import { z } from 'zod';
import { ALL_ROLES, id, none, type MethodSpec } from './common';
import { attemptOutcomes } from './followup';

// The softphone (sip.js in the renderer) and what main keeps for it: the nurse's SIP account
// with its password encrypted at rest, and one row per call attempt, inbound or outbound.

export type CallDirection = 'outbound' | 'inbound';
export type EndedBy = 'local' | 'remote' | 'system';
/**
 * What a call attempt came to, suggested from the SIP result and confirmed by the nurse: the
 * follow-up attempt outcomes (followup.ts, so a suggestion pre-fills followup.logAttempt as is)
 * plus two that are no attempt result: the nurse hung up before an answer, or a technical failure.
 */
export const callOutcome = z.enum([...attemptOutcomes, 'cancelled', 'failed']);
export type CallOutcome = z.infer<typeof callOutcome>;
export const CALL_OUTCOMES: readonly CallOutcome[] = callOutcome.options;

/** Also the settings form's own check, so a bad address is refused by the field. */
export const isWsUrl = (s: string): boolean => {
  try {
    const u = new URL(s.trim());
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
};
const WS_URL_MESSAGE = '地址应为 ws://主机[:端口][/路径] 或 wss://… (expected ws://host[:port][/path] or wss://…)';
const wsUrl = z.string().trim().max(256).refine(isWsUrl, WS_URL_MESSAGE);

const iceServer = z
  .object({
    urls: z.union([z.string().max(256), z.array(z.string().max(256)).min(1).max(8)]),
    username: z.string().max(128).optional(),
    credential: z.string().max(256).optional(),
  })
  .strict();

const sipUser = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.!~*'()&=+$,;?/-]+$/, 'SIP 用户名只能含字母、数字和 SIP 允许的符号 (not a valid SIP user part)');
/** A phone number or, for extensions and browser peers, a SIP user part. */
export const callParty = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.!~*'()&=+$,;?/#\- ]+$/, '不是电话号码或 SIP 用户 (not a phone number or SIP user)');

export const saveAccountInput = z
  .object({
    wsUrl,
    user: sipUser,
    /** Omitted: keep the stored one. */
    password: z.string().min(1).max(256).optional(),
    domain: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, '应为主机名或 IP 地址 (expected a host name or IP address)'),
    displayName: z.string().trim().max(64).default(''),
    iceServers: z.array(iceServer).max(8).default([]),
  })
  .strict();
export type SaveAccountInput = z.input<typeof saveAccountInput>;
export type IceServer = z.infer<typeof iceServer>;

/** The account as the settings form sees it: never the password, never TURN credentials. */
export interface SipAccountPublic {
  wsUrl: string;
  user: string;
  domain: string;
  displayName: string;
  iceServers: { urls: string | string[]; username?: string }[];
  hasPassword: boolean;
  updatedAt: string;
}

/** Which telephony the nurse's softphone uses: the hospital PBX over SIP, or Twilio's cloud. */
export const voiceProvider = z.enum(['sip', 'twilio']);
export type VoiceProvider = z.infer<typeof voiceProvider>;

/** The provider in use and whether main can mint Twilio Voice tokens (config twilio.voice + API key). */
export interface VoiceSettings {
  provider: VoiceProvider;
  twilioAvailable: boolean;
}

/** Only for registering, only the signed-in user's own account. */
export interface SipCredentials {
  wsUrl: string;
  user: string;
  password: string;
  domain: string;
  displayName: string;
  iceServers: IceServer[];
}

export interface CallRecord {
  id: number;
  direction: CallDirection;
  number: string;
  patientId: number | null;
  patientName: string | null;
  taskId: number | null;
  userId: number | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endedBy: EndedBy | null;
  sipCode: number | null;
  reason: string | null;
  outcome: CallOutcome | null;
  outcomeConfirmed: boolean;
  missed: boolean;
  consent: boolean;
  hasRecording: boolean;
  recordingBytes: number | null;
  durationSec: number | null;
}

export interface CallerMatch {
  patientId: number;
  name: string;
  genderCode: string;
  age: number | null;
  /** Whose number it is: the patient's own, or a contact's (with name and relation). */
  phoneRole: 'self' | 'contact';
  contactName: string | null;
  relation: string | null;
  /** The open follow-up task of this patient, once the tasks feature exists. */
  openTaskId: number | null;
}

const RECORDING_MIME = ['audio/webm', 'audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/ogg'] as const;
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

/**
 * A recording main has already streamed to a file of its own (the HTTP route spools the body to
 * disk instead of holding it in memory). Only main's code can make one: neither JSON nor IPC's
 * structured clone can produce a class instance, so no caller can name a file.
 */
export class StagedRecording {
  constructor(
    readonly file: string,
    readonly bytes: number,
  ) {}
}
const recordingSize = (n: number) => n > 0 && n <= MAX_RECORDING_BYTES;

export const callMethods = {
  'softphone.account': { input: none, roles: ALL_ROLES, audit: 'none: her own account, without its password' },
  'softphone.saveAccount': {
    input: saveAccountInput,
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'softphone.account.save', detail: ['input.wsUrl', 'input.user'] },
  },
  // The one way the SIP password leaves main: to the signed-in user's own softphone.
  'softphone.credentials': { input: none, roles: ALL_ROLES, audit: { kind: 'access', action: 'softphone.credentials' } },
  'softphone.voice': { input: none, roles: ALL_ROLES, audit: 'none: which voice provider the workstation uses' },
  'softphone.setProvider': {
    input: z.object({ provider: voiceProvider }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'softphone.provider.save', detail: ['input.provider'] },
  },
  'calls.start': {
    input: z
      .object({
        direction: z.enum(['outbound', 'inbound']),
        number: callParty,
        patientId: id.nullish(),
        taskId: id.nullish(),
        consent: z.boolean().default(false),
      })
      .strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'call.start', patient: 'input.patientId', detail: ['input.direction', 'input.taskId', 'output.callId'] },
    // Every workstation's queue marks a patient on the line (src/main/tasks/live-calls.ts).
    announces: 'tasks.changed',
  },
  'calls.answered': {
    input: z.object({ callId: id }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'call.answered', detail: ['input.callId'] },
    announces: 'tasks.changed',
  },
  'calls.end': {
    input: z
      .object({
        callId: id,
        endedBy: z.enum(['local', 'remote', 'system']),
        sipCode: z.number().int().min(100).max(699).nullish(),
        reason: z.string().max(64),
        outcome: callOutcome.nullish(),
      })
      .strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'call.end', patient: 'output.patientId', detail: ['input.callId', 'output.outcome', 'output.durationSec'] },
    mask: { phone: ['number'] },
    // The patient is off the line; a missed incoming call becomes a callback task.
    announces: 'tasks.changed',
  },
  'calls.link': {
    input: z.object({ callId: id, patientId: id.nullish(), taskId: id.nullish() }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'call.link', patient: 'input.patientId', detail: ['input.callId', 'input.taskId'] },
    announces: 'tasks.changed',
  },
  'calls.setOutcome': {
    input: z.object({ callId: id, outcome: callOutcome }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'call.outcome', detail: ['input.callId', 'input.outcome'] },
  },
  /**
   * The patient's consent to record, ticked (or withdrawn) while the call goes on: it is asked
   * once she answers. Answers what main keeps: a withdrawal after the answer keeps consent for
   * the part already recorded (src/main/calls/calls-repo.ts setConsent).
   */
  'calls.setConsent': {
    input: z.object({ callId: id, consent: z.boolean() }).strict(),
    roles: ALL_ROLES,
    // Audited both ways: when she agreed to be recorded, and when she took it back (the handler names which).
    audit: { kind: 'change', action: 'call.consent.give', detail: ['input.callId', 'output.consent'] },
  },
  /** Binary: over IPC as a Uint8Array, over HTTP through POST /api/calls.recording?callId= (spooled to a StagedRecording). */
  'calls.uploadRecording': {
    input: z
      .object({
        callId: id,
        mimeType: z.enum(RECORDING_MIME),
        data: z.union([
          z.instanceof(Uint8Array).refine((d) => recordingSize(d.byteLength), 'empty or too large'),
          z.instanceof(StagedRecording).refine((d) => recordingSize(d.bytes), 'empty or too large'),
        ]),
      })
      .strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'call.recording.save', detail: ['input.callId', 'output.bytes'] },
  },
  /** Binary answer: over HTTP use GET /api/calls.recording?callId= instead. */
  'calls.recordingData': {
    input: z.object({ callId: id }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'call.recording.play', detail: ['input.callId'] },
  },
  'calls.lookupCaller': {
    input: z.object({ number: callParty }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'call.lookup', detail: ['matches=output.length'] },
  },
  'calls.list': {
    input: z
      .object({
        patientId: id.optional(),
        missedOnly: z.boolean().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'call.list', patient: 'input.patientId', detail: ['input', 'rows=output.length'] },
    mask: { phone: ['[].number'] },
  },
  'calls.purgeRecordings': {
    input: z
      .object({ olderThanDays: z.number().int().min(1).max(36500).optional() })
      .strict()
      .optional(),
    roles: ['admin'],
    audit: { kind: 'change', action: 'call.recording.purge', detail: ['output.olderThanDays', 'output.purged'] },
  },
} satisfies Record<string, MethodSpec>;

export interface CallOutputs {
  'softphone.account': SipAccountPublic | null;
  'softphone.saveAccount': SipAccountPublic;
  /** null: no SIP account yet (the normal state before an admin or she sets one up). */
  'softphone.credentials': SipCredentials | null;
  'softphone.voice': VoiceSettings;
  'softphone.setProvider': VoiceSettings;
  'calls.start': { callId: number };
  'calls.answered': { ok: true };
  'calls.end': CallRecord;
  'calls.link': { ok: true };
  'calls.setOutcome': { ok: true };
  'calls.setConsent': { consent: boolean };
  'calls.uploadRecording': { bytes: number };
  'calls.recordingData': { mimeType: string; data: Uint8Array };
  'calls.lookupCaller': CallerMatch[];
  'calls.list': CallRecord[];
  'calls.purgeRecordings': { purged: number; olderThanDays: number };
}
