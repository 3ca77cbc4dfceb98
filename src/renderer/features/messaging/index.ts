// What other features use: the patient's SMS log (timeline drawer, follow-up screen), the send
// dialog, and the hooks behind them. Contract and rules: docs/messaging.md.
export { MessageLog } from './MessageLog';
export { SendSmsButton } from './SendSmsDialog';
export { messageKeys, useOptOut, usePatientMessages, useSendSms, useSmsPreview, useSmsTemplates } from './queries';
