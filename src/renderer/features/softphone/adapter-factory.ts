import type { VoiceProvider } from '../../../shared/contract/calls';
import { TwilioCallAdapter } from '../twilio-voice';
import type { VoiceAdapter } from '../voice/voice-adapter';
import { SipAdapter, type AdapterOptions } from './sip-adapter';

/** The adapter of the provider the nurse chose (softphone.voice); SIP unless Twilio is chosen. */
export function createVoiceAdapter(provider: VoiceProvider, o: AdapterOptions): VoiceAdapter {
  return provider === 'twilio' ? new TwilioCallAdapter(o) : new SipAdapter(o);
}
