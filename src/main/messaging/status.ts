import type { MessageStatus } from '../../shared/contract/messaging';

// Twilio's message statuses folded into ours, and the order they may follow. Callbacks can
// arrive out of order (delivered before sent) or twice; a status only ever moves forward.

const FROM_TWILIO: Record<string, MessageStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
  received: 'received',
  receiving: 'received',
};

export const fromTwilioStatus = (s: string | null | undefined): MessageStatus | null => (s ? (FROM_TWILIO[s.toLowerCase()] ?? null) : null);

const RANK: Record<MessageStatus, number> = {
  sending: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  logged: 3,
  received: 3,
};

export const isFinal = (s: MessageStatus): boolean => RANK[s] === 3;

/** May a message in `current` move to `next`? Never backwards, never out of a final status. */
export const advances = (current: MessageStatus, next: MessageStatus): boolean => RANK[next] > RANK[current];

// Twilio error codes a nurse may meet on the timeline, in words.
const ERROR_TEXT: Record<string, string> = {
  '21211': '号码无效 (invalid number)',
  '21610': '已退订 (recipient unsubscribed)',
  '21614': '不是手机号 (not a mobile number)',
  '30003': '手机无法接通 (handset unreachable)',
  '30004': '被拦截 (message blocked)',
  '30005': '号码不存在 (unknown number)',
  '30006': '固话或无法接收短信 (landline or unreachable carrier)',
  '30007': '被运营商过滤 (filtered by the carrier)',
  '30008': '未知错误 (unknown error)',
};

export const twilioErrorText = (code: string | null | undefined): string | null => (code ? (ERROR_TEXT[code] ?? null) : null);
