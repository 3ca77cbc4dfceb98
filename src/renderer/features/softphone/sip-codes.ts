import type { CallOutcome, EndedBy } from '../../../shared/contract/calls';

// What a final SIP response to our INVITE means for the follow-up: the outcome to suggest and
// who ended the call. PSTN gateways in China commonly map 关机/不在服务区 to 480 and 空号 to 404.

export function outcomeOfCode(code: number): CallOutcome {
  if (code >= 200 && code < 300) return 'connected';
  switch (code) {
    case 486: // Busy Here
    case 600: // Busy Everywhere
    case 603: // Decline: the patient pressed "reject" (拒接); retried like busy
      return 'busy';
    case 404: // Not Found (空号)
    case 410: // Gone
    case 484: // Address Incomplete
    case 604: // Does Not Exist Anywhere
      return 'invalid_number';
    case 480: // Temporarily Unavailable (关机 / 不在服务区)
      return 'powered_off';
    case 408: // Request Timeout: rang out at the far end
    case 487: // Request Terminated: cancelled while ringing
      return 'no_answer';
    default:
      return 'failed';
  }
}

/** The far end's answer ends the call remotely; timeouts and server or auth trouble are the system's. */
export function endedByOfCode(code: number): EndedBy {
  if (code === 401 || code === 403 || code === 407 || code === 408 || (code >= 500 && code < 600)) return 'system';
  return 'remote';
}

/** Registration failures the nurse can act on. */
/** 'token': Twilio refused the access token (the Twilio provider's 'auth'). */
export type RegFailure = 'auth' | 'forbidden' | 'unreachable' | 'timeout' | 'server' | 'blocked' | 'credentials' | 'token';

export function regFailureOfCode(code: number): RegFailure {
  if (code === 401 || code === 407) return 'auth';
  if (code === 403 || code === 404) return 'forbidden';
  if (code === 408) return 'timeout';
  return 'server';
}
