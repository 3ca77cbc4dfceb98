// Twilio Voice (cloud telephony) for the softphone: wire `new TwilioVoice({ token: twilioToken, … })`
// where the SIP adapter would be used. Not mounted anywhere yet; see docs/messaging.md.
export { TwilioVoice, type CallLike, type DeviceLike, type TwilioVoiceOptions, type TwilioVoiceStatus } from './twilio-voice';
export { twilioToken } from './token-source';
