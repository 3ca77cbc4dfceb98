// What other features use: the provider (mounted once by the app shell), the controller hook,
// the panel, click-to-dial and the call history with recordings.
export { CallHistory } from './CallHistory';
export { DialButton, type DialButtonProps } from './DialButton';
export { PhoneList } from './PhoneList';
export { PhonePage } from './PhonePage';
export { rankPhones } from './phones';
export { RegistrationBadge } from './RegistrationBadge';
export { Softphone } from './Softphone';
export { SoftphoneProvider, useSoftphoneController } from './SoftphoneProvider';
export type { CallState, RegistrationState } from './state';
