// What other features use: the provider (mounted once by the app shell), the hook, the panel,
// click-to-dial and the call history with recordings.
export { CallHistory } from './CallHistory';
export { DialButton, type DialButtonProps } from './DialButton';
export { PhoneList } from './PhoneList';
export { PhonePage } from './PhonePage';
export { rankPhones } from './phones';
export { RegistrationBadge } from './RegistrationBadge';
export { Softphone } from './Softphone';
// useSoftphoneController / useSoftphoneSelector re-render only on what a screen uses;
// useSoftphone re-renders on every SIP event.
export { canDialNow, shallowEqual, SoftphoneProvider, useSoftphone, useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';
export type { CallState, RegistrationState } from './state';
