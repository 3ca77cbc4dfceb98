// Twilio Voice (cloud telephony) as the softphone's second provider: TwilioCallAdapter is built
// by the softphone when the nurse chose Twilio (softphone/adapter-factory.ts). Both providers
// speak the interface in ../voice, so this folder never imports the softphone.
export { TwilioCallAdapter, type TwilioAdapterOptions } from './twilio-call-adapter';
