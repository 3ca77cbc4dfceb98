import type { VoiceProvider } from '../../../shared/contract/calls';
import type { api } from '../../api/client';
import type { VoiceAdapter } from '../voice/voice-adapter';
import type { AdapterOptions } from './sip-adapter';

// What the softphone controller is given rather than reaching for: main's API, the adapter of
// each voice provider and the recording upload. SoftphoneProvider passes the real ones; unit
// tests pass fakes, so no module needs mocking.

/** The part of the API client the softphone calls. */
export type SoftphoneApi = Pick<typeof api, 'call'>;

/** Makes the adapter of a provider (adapter-factory.ts: sip.js or Twilio). */
export type AdapterFactory = (provider: VoiceProvider, options: AdapterOptions) => VoiceAdapter;

export interface SoftphoneDeps {
  api: SoftphoneApi;
  createAdapter: AdapterFactory;
  /** recording-io.ts: over IPC, or the binary HTTP route. */
  uploadRecording(callId: number, blob: Blob): Promise<unknown>;
  /** Default Date.now. */
  now?: () => number;
}
