// What the Voice SDK's error codes tell the softphone. Codes from @twilio/voice-sdk 2.18
// es5/twilio/errors/generated.js and Twilio's error pages (twilio.com/docs/api/errors/<code>).

/**
 * The far end's final SIP response as Twilio relays it to the caller (31000 + the SIP code):
 * 31400 Bad Request, 31404 Not Found ("the outbound call was made to an invalid phone number"),
 * 31480 Temporarily Unavailable, 31486 Busy Here, 31600 Busy Everywhere, 31603 Decline. They
 * reach the browser only when the TwiML app dials with answerOnBridge="true"; without it the
 * browser's leg is answered by the TwiML itself and only hears a hang-up.
 */
const RELAYED_SIP = new Set([31400, 31404, 31480, 31486, 31600, 31603]);

/** The access token was refused: invalid (20101, 31204), bad signature (31202), lifetime over 24 h (31207), auth failed (20151, 31201), no account (31203), missing (31102). */
const TOKEN_REFUSED = new Set([20101, 20151, 31102, 31201, 31202, 31203, 31204, 31207]);

/** Expired (20104, 31205): a fresh token from main can fix it. */
const TOKEN_EXPIRED = new Set([20104, 31205]);

/** Media could not be set up or was lost: 53400/53402 local/remote SDP, 53405 ICE connection failed. */
const MEDIA = new Set([53400, 53402, 53405]);

interface ErrorLike {
  code?: unknown;
  originalError?: { code?: unknown };
}

/**
 * The error's code. A gateway code the SDK does not know arrives as 31005 "Error sent from
 * gateway in HANGUP" carrying the original in `originalError` (call.js _onHangup).
 */
export function twilioCode(err: unknown): number | null {
  const e = err as ErrorLike | null;
  const inner = e?.originalError?.code;
  if (e?.code === 31005 && typeof inner === 'number') return inner;
  return typeof e?.code === 'number' ? e.code : null;
}

/** The SIP code behind a relayed far-end answer (486 for 31486), else null. */
export const relayedSipCode = (code: number | null): number | null => (code !== null && RELAYED_SIP.has(code) ? code - 31000 : null);

export type TokenTrouble = 'expired' | 'refused' | null;

export const tokenTrouble = (code: number | null): TokenTrouble =>
  code === null ? null : TOKEN_EXPIRED.has(code) ? 'expired' : TOKEN_REFUSED.has(code) ? 'refused' : null;

export const isMediaError = (code: number | null): boolean => code !== null && MEDIA.has(code);
