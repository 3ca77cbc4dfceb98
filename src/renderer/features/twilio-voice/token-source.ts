import { api } from '../../api/client';

/** The signed-in nurse's Twilio Voice token, minted by main (never a Twilio secret). */
export const twilioToken = () => api.call('calls.twilioToken');
