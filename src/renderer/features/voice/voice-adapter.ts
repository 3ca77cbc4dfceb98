import type { VoiceProvider } from '../../../shared/contract/calls';
import type { Action } from './actions';

// What the softphone needs from a telephony provider (sip.js to the PBX, or Twilio's Voice
// SDK): provider events in, reducer actions out, plus the few commands of the UI. An adapter
// decides nothing about call state; the softphone's reducer does, the same for every provider.

export interface VoiceAdapterOptions {
  dispatch(action: Action): void;
  now(): number;
  /** The microphone to use for the next call (device id or 'default'). */
  mic(): string;
  /** The speaker for the remote audio (device id or 'default'). */
  speaker(): string;
  onIncoming(uid: string, number: string, displayName: string | null): void;
  /** A second caller was turned away (SIP 486, Twilio reject) while a call was in progress: a missed call to return. */
  onBusy(number: string, displayName: string | null): void;
  /** Both sides' audio, once answered: the recorder takes them (with consent). */
  onEstablished(uid: string, local: MediaStream, remote: MediaStream): void;
  onTerminated(uid: string): void;
}

/** First line and time of every signalling message (or provider event): kept for diagnostics. */
export interface LadderEntry {
  at: number;
  dir: 'out' | 'in';
  line: string;
}

/** Adds a line to a ladder, which keeps its last 200 lines for support. */
export function pushLadder(ladder: LadderEntry[], dir: LadderEntry['dir'], line: string): void {
  ladder.push({ at: performance.now(), dir, line });
  if (ladder.length > 200) ladder.splice(0, ladder.length - 200);
}

/** `C`: what registering needs from main (SIP credentials, a Twilio token). */
export interface VoiceAdapter<C = unknown> {
  readonly provider: VoiceProvider;
  /** False: the provider has no client-side hold (Twilio); the UI disables the button. */
  readonly canHold: boolean;
  /** The badge's reason when credentials() fails: the saved SIP password, or the Twilio token main mints. */
  readonly credentialsFailure: 'credentials' | 'token';
  readonly ladder: readonly LadderEntry[];
  /** Fetches C from main: null when nothing is configured yet; rejects with the API error otherwise. */
  credentials(): Promise<C | null>;
  start(creds: C): Promise<void>;
  /** `final`: also forget the credentials and report "stopped". */
  stop(final?: boolean): Promise<void>;
  dispose(): void;
  dial(uid: string, number: string): Promise<void>;
  answer(): Promise<void>;
  /** Cancel, decline or hang up, depending on where the call is. */
  hangup(): Promise<void>;
  setMute(on: boolean): void;
  setHold(on: boolean): Promise<void>;
  sendDtmf(digit: string): void;
  /** Switches the microphone mid-call; returns the new local stream for the recorder. */
  setMic(deviceId: string): Promise<MediaStream | null>;
  setSpeaker(deviceId: string): Promise<void>;
}
