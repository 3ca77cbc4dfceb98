import type { CallDirection, CallOutcome, EndedBy, VoiceProvider } from '../../../shared/contract/calls';
import type { Action, MediaState, RecordingState } from '../voice/actions';
import { endedByOfCode, outcomeOfCode, regFailureOfCode, type RegFailure } from './sip-codes';

export type { Action };

// The softphone as plain data. Registration and the current call are kept apart (a call can
// outlive its WebSocket; a registration lives across calls). The sip.js adapter only turns
// SIP events into these actions; every decision (who ended the call, why, what outcome to
// suggest) is made here, so it is unit-tested without WebRTC.

export type RegStatus = 'unconfigured' | 'connecting' | 'registering' | 'registered' | 'failed' | 'offline' | 'stopped';

export interface RegistrationState {
  status: RegStatus;
  /** Why it is failed or offline. */
  failure: RegFailure | null;
  sipCode: number | null;
  detail: string | null;
  /** Reconnect attempts since the connection was lost. */
  attempt: number;
  /** When the next reconnect is due (epoch ms), or null. */
  retryAt: number | null;
  since: number;
}

export type CallPhase = 'dialling' | 'ringing' | 'incoming' | 'connecting' | 'connected' | 'ended';

export type EndReason =
  | 'hangup' // local BYE after the answer
  | 'cancel' // local CANCEL before the answer
  | 'declined' // the nurse rejected an incoming call
  | 'bye' // the other side hung up
  | 'rejected' // final error response to our INVITE
  | 'remote_cancel' // the caller gave up before we answered
  | 'no_answer_timeout'
  | 'media_failed'
  | 'transport_lost'
  | 'failed' // local error (no microphone, SDP trouble)
  | 'terminated'; // sip.js ended the session without telling us why

export interface CallEnd {
  by: EndedBy;
  reason: EndReason;
  sipCode: number | null;
  /** Pre-filled for the nurse to confirm; null for inbound calls. */
  suggested: CallOutcome | null;
  detail: string | null;
}

export interface CallState {
  /** Local id of this call (the SIP session id). */
  uid: string;
  /** The calls row, once main has stored it. */
  callId: number | null;
  direction: CallDirection;
  number: string;
  displayName: string | null;
  patientId: number | null;
  taskId: number | null;
  consent: boolean;
  phase: CallPhase;
  startedAt: number;
  inviteSentAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  /** The last response code seen (18x while ringing, the final one at the end). */
  lastCode: number | null;
  muted: boolean;
  hold: { local: boolean; remote: boolean; pending: boolean };
  dtmf: string;
  media: MediaState;
  signalling: 'ok' | 'lost';
  recording: RecordingState;
  end: CallEnd | null;
}

export interface SoftphoneState {
  registration: RegistrationState;
  call: CallState | null;
  /** The telephony in use; `hold: false` when it has no client-side hold (Twilio). */
  provider: { name: VoiceProvider; hold: boolean };
}

export function initialState(at = 0): SoftphoneState {
  return { registration: reg('unconfigured', at), call: null, provider: { name: 'sip', hold: true } };
}

function reg(status: RegStatus, at: number, more: Partial<RegistrationState> = {}): RegistrationState {
  return { status, failure: null, sipCode: null, detail: null, attempt: 0, retryAt: null, since: at, ...more };
}

function newCall(a: { at: number; uid: string; number: string }, direction: CallDirection, phase: CallPhase): CallState {
  return {
    uid: a.uid,
    callId: null,
    direction,
    number: a.number,
    displayName: null,
    patientId: null,
    taskId: null,
    consent: false,
    phase,
    startedAt: a.at,
    inviteSentAt: null,
    answeredAt: null,
    endedAt: null,
    lastCode: null,
    muted: false,
    hold: { local: false, remote: false, pending: false },
    dtmf: '',
    media: 'ok',
    signalling: 'ok',
    recording: 'off',
    end: null,
  };
}

/** A call in progress (not yet ended). */
export const isLive = (c: CallState | null): c is CallState => !!c && c.phase !== 'ended';
/** Registered and no call in progress: a number may be dialled now. */
export const canDial = (s: SoftphoneState): boolean => s.registration.status === 'registered' && !isLive(s.call);
const answered = (c: CallState) => c.phase === 'connected' || c.phase === 'connecting';

function ended(c: CallState, at: number, end: Omit<CallEnd, 'detail'> & { detail?: string | null }): CallState {
  return { ...c, phase: 'ended', endedAt: at, end: { detail: null, ...end }, hold: { ...c.hold, pending: false }, lastCode: end.sipCode ?? c.lastCode };
}

/** Only outbound calls get a suggestion: an inbound call is no attempt to reach the patient. */
const suggest = (c: CallState, outcome: CallOutcome): CallOutcome | null => (c.direction === 'outbound' ? outcome : null);

function reduceRegistration(r: RegistrationState, a: Action): RegistrationState {
  switch (a.type) {
    case 'reg/unconfigured':
      return reg('unconfigured', a.at);
    case 'reg/connecting':
      // A retry keeps its attempt count, so the backoff keeps growing while the PBX is away.
      return { ...reg('connecting', a.at), attempt: r.attempt };
    case 'reg/connected':
      return { ...reg('registering', a.at), attempt: r.attempt };
    case 'reg/registered':
      return reg('registered', a.at);
    case 'reg/rejected':
      return reg('failed', a.at, { failure: regFailureOfCode(a.code), sipCode: a.code, detail: a.detail ?? null });
    case 'reg/transport-lost':
      // A refused password stays the reason; losing the socket afterwards says nothing new.
      if (r.status === 'failed' || r.status === 'stopped' || r.status === 'unconfigured') return r;
      return reg('offline', a.at, { failure: 'unreachable', detail: a.detail ?? null, attempt: r.attempt });
    case 'reg/retry-scheduled':
      if (r.status !== 'offline') return r;
      return { ...r, attempt: a.attempt, retryAt: a.at + a.delayMs };
    case 'reg/blocked':
      return reg('failed', a.at, { failure: 'blocked', detail: a.detail });
    case 'reg/credentials-error':
      return reg('failed', a.at, { failure: a.failure ?? 'credentials', detail: a.detail });
    case 'reg/token-refused':
      return reg('failed', a.at, { failure: 'token', detail: a.detail });
    case 'reg/stopped':
      return reg('stopped', a.at);
    default:
      return r;
  }
}

function reduceCall(c: CallState | null, a: Action, registration: RegistrationState): CallState | null {
  switch (a.type) {
    case 'call/dial':
      if (isLive(c)) return c; // one call at a time; the adapter refuses a second dial
      return { ...newCall(a, 'outbound', 'dialling'), patientId: a.patientId ?? null, taskId: a.taskId ?? null, consent: !!a.consent };
    case 'call/incoming':
      if (isLive(c)) return c; // the adapter answers 486 to a second caller
      return { ...newCall(a, 'inbound', 'incoming'), displayName: a.displayName ?? null };
    case 'call/dismiss':
      return isLive(c) ? c : null;
  }
  if (!c) return c;
  switch (a.type) {
    case 'call/stored':
      return { ...c, callId: a.callId };
    case 'call/linked':
      return { ...c, patientId: a.patientId, taskId: a.taskId === undefined ? c.taskId : a.taskId };
    case 'call/recording':
      return { ...c, recording: a.state };
  }
  if (!isLive(c)) {
    // A late "terminated" from sip.js after our own verdict changes nothing.
    return c;
  }
  switch (a.type) {
    case 'call/invite-sent':
      return c.phase === 'dialling' ? { ...c, inviteSentAt: a.at } : c;
    case 'call/progress':
      if (c.direction !== 'outbound' || answered(c)) return c;
      // 100 Trying is the proxy's and changes nothing; only 18x means the phone is ringing.
      if (a.code < 180 || (c.phase === 'ringing' && c.lastCode === a.code)) return c;
      return { ...c, phase: 'ringing', lastCode: a.code };
    case 'call/accept':
      return c.phase === 'incoming' ? { ...c, phase: 'connecting' } : c;
    case 'call/answered':
      return { ...c, phase: 'connected', answeredAt: c.answeredAt ?? a.at, lastCode: c.direction === 'outbound' ? 200 : c.lastCode };
    case 'call/hangup-local':
      if (answered(c)) return ended(c, a.at, { by: 'local', reason: 'hangup', sipCode: null, suggested: suggest(c, 'connected') });
      if (c.phase === 'incoming') return ended(c, a.at, { by: 'local', reason: 'declined', sipCode: 603, suggested: null });
      // She gave up: after ringing that is "no answer", before any ringing she simply cancelled.
      return ended(c, a.at, { by: 'local', reason: 'cancel', sipCode: null, suggested: c.phase === 'ringing' ? 'no_answer' : 'cancelled' });
    case 'call/remote-bye':
      return ended(c, a.at, { by: 'remote', reason: 'bye', sipCode: null, suggested: suggest(c, answered(c) ? 'connected' : 'no_answer') });
    case 'call/rejected':
      if (c.direction !== 'outbound' || answered(c)) return c;
      return ended(c, a.at, { by: endedByOfCode(a.code), reason: 'rejected', sipCode: a.code, suggested: outcomeOfCode(a.code), detail: a.detail });
    case 'call/remote-cancel':
      return c.phase === 'incoming' || c.phase === 'connecting' ? ended(c, a.at, { by: 'remote', reason: 'remote_cancel', sipCode: 487, suggested: null }) : c;
    case 'call/no-answer-timeout':
      if (answered(c)) return c;
      return ended(c, a.at, { by: 'system', reason: 'no_answer_timeout', sipCode: null, suggested: suggest(c, 'no_answer') });
    case 'call/failed':
      return ended(c, a.at, { by: 'system', reason: 'failed', sipCode: null, suggested: suggest(c, answered(c) ? 'connected' : 'failed'), detail: a.detail });
    case 'call/media':
      if (a.state === 'lost' && answered(c))
        return ended({ ...c, media: 'lost' }, a.at, { by: 'system', reason: 'media_failed', sipCode: null, suggested: suggest(c, 'connected') });
      return { ...c, media: a.state };
    case 'call/terminated': {
      // sip.js gave up without a response we saw: a dead WebSocket while dialling, mostly.
      const lost = registration.status === 'offline';
      return ended(c, a.at, {
        by: 'system',
        reason: lost ? 'transport_lost' : 'terminated',
        sipCode: null,
        suggested: suggest(c, answered(c) ? 'connected' : 'failed'),
      });
    }
    case 'call/mute':
      return c.phase === 'connected' ? { ...c, muted: a.on } : c;
    case 'call/hold-request':
      return c.phase === 'connected' && !c.hold.pending && c.hold.local !== a.on ? { ...c, hold: { ...c.hold, pending: true } } : c;
    case 'call/hold-result':
      return { ...c, hold: { ...c.hold, pending: false, local: a.ok ? a.on : c.hold.local } };
    case 'call/remote-hold':
      return { ...c, hold: { ...c.hold, remote: a.on } };
    case 'call/dtmf':
      return c.phase === 'connected' && /^[0-9*#A-D]$/.test(a.digit) ? { ...c, dtmf: (c.dtmf + a.digit).slice(-32) } : c;
    case 'call/consent':
      // A withdrawal pauses a running recording and a renewed consent resumes it into the same
      // file (one recording per call); starting one is the controller's (it holds the streams).
      if (c.consent === a.on) return c;
      return { ...c, consent: a.on, recording: c.recording === 'on' && !a.on ? 'paused' : c.recording === 'paused' && a.on ? 'on' : c.recording };
    default:
      return c;
  }
}

/** Transport loss marks a live call's signalling as lost; its media may still flow through the relay. */
function signallingOf(c: CallState | null, a: Action): CallState | null {
  if (!isLive(c)) return c;
  if (a.type === 'reg/transport-lost') return { ...c, signalling: 'lost' };
  if (a.type === 'reg/connected') return { ...c, signalling: 'ok' };
  return c;
}

export function reduce(state: SoftphoneState, action: Action): SoftphoneState {
  if (action.type === 'reg/provider') {
    const p = state.provider;
    return p.name === action.provider && p.hold === action.hold ? state : { ...state, provider: { name: action.provider, hold: action.hold } };
  }
  // Hold the provider cannot do is never pretended: the request changes nothing.
  if (action.type === 'call/hold-request' && !state.provider.hold) return state;
  const registration = reduceRegistration(state.registration, action);
  const call = signallingOf(reduceCall(state.call, action, registration), action);
  return registration === state.registration && call === state.call ? state : { ...state, registration, call };
}

/** Seconds of conversation so far (or in total, once ended). */
export function talkSeconds(c: Pick<CallState, 'answeredAt' | 'endedAt'>, now: number): number {
  if (!c.answeredAt) return 0;
  return Math.max(0, Math.floor(((c.endedAt ?? now) - c.answeredAt) / 1000));
}

/** The call is answered and the patient agrees, but nothing records yet: the recorder should start. */
export const recordingDue = (c: CallState | null): boolean => !!c && c.phase === 'connected' && c.consent && c.recording === 'off';

/** What main stores as the call's end. */
export function endReport(c: CallState): { endedBy: EndedBy; sipCode: number | null; reason: string; outcome: CallOutcome | null } | null {
  if (!c.end) return null;
  return { endedBy: c.end.by, sipCode: c.end.sipCode, reason: c.end.reason, outcome: c.end.suggested };
}
