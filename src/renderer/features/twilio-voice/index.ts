// Twilio Voice (cloud telephony) as the softphone's second provider: TwilioCallAdapter is built
// by the softphone controller when the nurse chose Twilio (softphone/adapter-factory.ts).
export { TwilioCallAdapter, type TwilioAdapterOptions } from './twilio-call-adapter';
export { TwilioVoice, type AudioLike, type CallLike, type DeviceLike, type TwilioVoiceOptions, type TwilioVoiceStatus } from './twilio-voice';
export { twilioToken } from './token-source';
