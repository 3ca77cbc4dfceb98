// Twilio Voice (cloud telephony) as the softphone's second provider: TwilioCallAdapter is built
// by the softphone controller when the nurse chose Twilio (softphone/adapter-factory.ts).
export { TwilioCallAdapter, type TwilioAdapterOptions } from './twilio-call-adapter';
