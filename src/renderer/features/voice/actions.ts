import type { VoiceProvider } from '../../../shared/contract/calls';

// What a voice provider's adapter (sip.js, Twilio) reports, as actions for the softphone's
// reducer (softphone/state.ts). Kept here, apart from the reducer, so the providers and the
// softphone both depend on this module and not on each other.

/** 'paused': the patient withdrew consent mid-call; what was recorded so far is kept. */
export type RecordingState = 'off' | 'on' | 'paused' | 'saved' | 'failed';

export type MediaState = 'ok' | 'stalled' | 'lost';

export type Action =
  | { type: 'reg/unconfigured'; at: number }
  | { type: 'reg/connecting'; at: number }
  | { type: 'reg/connected'; at: number }
  | { type: 'reg/registered'; at: number }
  | { type: 'reg/rejected'; at: number; code: number; detail?: string }
  | { type: 'reg/transport-lost'; at: number; detail?: string }
  | { type: 'reg/retry-scheduled'; at: number; attempt: number; delayMs: number }
  | { type: 'reg/blocked'; at: number; detail: string }
  /** Main could not give what registering needs: the saved SIP password (default) or a Twilio token. */
  | { type: 'reg/credentials-error'; at: number; detail: string; failure?: 'credentials' | 'token' }
  /** Twilio refused the access token main minted (and a fresh one did not help), or main would mint none. */
  | { type: 'reg/token-refused'; at: number; detail: string }
  | { type: 'reg/provider'; provider: VoiceProvider; hold: boolean }
  | { type: 'reg/stopped'; at: number }
  | { type: 'call/dial'; at: number; uid: string; number: string; patientId?: number | null; taskId?: number | null; consent?: boolean }
  | { type: 'call/invite-sent'; at: number }
  | { type: 'call/progress'; at: number; code: number }
  | { type: 'call/answered'; at: number }
  | { type: 'call/incoming'; at: number; uid: string; number: string; displayName?: string | null }
  | { type: 'call/accept'; at: number }
  | { type: 'call/stored'; callId: number }
  | { type: 'call/linked'; patientId: number | null; taskId?: number | null }
  | { type: 'call/hangup-local'; at: number }
  | { type: 'call/remote-bye'; at: number }
  | { type: 'call/rejected'; at: number; code: number; detail?: string }
  | { type: 'call/remote-cancel'; at: number }
  | { type: 'call/no-answer-timeout'; at: number }
  | { type: 'call/failed'; at: number; detail: string }
  | { type: 'call/terminated'; at: number }
  | { type: 'call/mute'; on: boolean }
  | { type: 'call/hold-request'; on: boolean }
  | { type: 'call/hold-result'; on: boolean; ok: boolean }
  | { type: 'call/remote-hold'; on: boolean }
  | { type: 'call/dtmf'; digit: string }
  | { type: 'call/media'; state: MediaState; at: number }
  | { type: 'call/recording'; state: RecordingState }
  /** The nurse ticked or unticked the patient's consent to record during the call. */
  | { type: 'call/consent'; on: boolean }
  | { type: 'call/dismiss' };
