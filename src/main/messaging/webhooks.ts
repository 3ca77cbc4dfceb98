import type http from 'node:http';
import type { Knex } from 'knex';
import type { AppConfig } from '../config';
import type { Store } from '../store/store';
import { beijingTimestamp, type Clock } from '../util/clock';
import type { TwilioConfig } from './config';
import { UNSUBSCRIBED } from './provider';
import { advanceStatus, optOutNumber, patientsByPhone, type MessageRow } from './repo';
import { fromTwilioStatus, twilioErrorText } from './status';
import { isOptOutReply, toE164 } from './text';
import { loadTwilio } from './twilio-provider';

// Twilio's webhooks on the HTTP server, both form POSTs signed with X-Twilio-Signature:
//   POST /twilio/status   delivery receipts (queued → sent → delivered / undelivered / failed)
//   POST /twilio/inbound  replies; STOP / 退订 / T / TD opt the number out for good
// Unsigned or badly signed requests get 403 and change nothing.

interface Deps {
  store: Store;
  clock: Clock;
  config: AppConfig;
}

const ROUTES = { '/twilio/status': 'status', '/twilio/inbound': 'inbound' } as const;
type Route = (typeof ROUTES)[keyof typeof ROUTES];
export const isTwilioRoute = (url: string): boolean => Object.hasOwn(ROUTES, url.split('?')[0]);

const MAX_BODY = 64 * 1024;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

function readForm(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The URL Twilio signed: the public one it was told to call (a reverse proxy in front of us
 * changes host and scheme), with the query string we added (?msg=). Without a configured
 * URL, the one this request was made to.
 */
export function signedUrl(cfg: TwilioConfig, route: Route, req: http.IncomingMessage): string {
  const raw = req.url ?? '/';
  const query = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';
  const configured = route === 'status' ? cfg.statusCallbackUrl : (cfg.inboundUrl ?? cfg.statusCallbackUrl?.replace(/\/status(\?.*)?$/, '/inbound') ?? null);
  if (configured) {
    const u = new URL(configured);
    return `${u.origin}${u.pathname}${query}`;
  }
  const proto = String(req.headers['x-forwarded-proto'] ?? 'http')
    .split(',')[0]
    .trim();
  return `${proto}://${req.headers.host}${raw}`;
}

const reply = (res: http.ServerResponse, status: number, body = '', type = 'text/plain; charset=utf-8') => {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
};

export async function handleTwilioWebhook(deps: Deps, req: http.IncomingMessage, res: http.ServerResponse, log: (m: string) => void = () => {}): Promise<void> {
  const route = ROUTES[(req.url ?? '/').split('?')[0] as keyof typeof ROUTES];
  if (req.method !== 'POST') return reply(res, 405, 'method not allowed');
  const cfg = deps.config.twilio;
  // Twilio signs webhooks with the account's auth token; without it nothing can be trusted.
  if (!cfg?.authToken) {
    log(`twilio ${route} webhook refused: no auth token configured (FOLLOWUP_TWILIO_AUTH_TOKEN)`);
    return reply(res, 403, 'forbidden');
  }
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || !signature) return reply(res, 403, 'forbidden');
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return reply(res, 403, 'forbidden');
  const body = await readForm(req);
  if (body === null) return reply(res, 413, 'too large');
  const params = Object.fromEntries(new URLSearchParams(body));
  const twilio = await loadTwilio();
  if (!twilio.validateRequest(cfg.authToken, signature, signedUrl(cfg, route, req), params) || params.AccountSid !== cfg.accountSid) {
    log(`twilio ${route} webhook refused: bad signature`);
    return reply(res, 403, 'forbidden');
  }
  const now = beijingTimestamp(deps.clock.now());
  if (route === 'status') {
    await statusReceipt(deps.store.knex, params, new URL(req.url ?? '/', 'http://x').searchParams.get('msg'), now);
    return reply(res, 200);
  }
  await inboundSms(deps.store.knex, params, now);
  return reply(res, 200, EMPTY_TWIML, 'text/xml; charset=utf-8');
}

async function statusReceipt(knex: Knex, p: Record<string, string>, msg: string | null, now: string): Promise<void> {
  const sid = p.MessageSid || p.SmsSid || null;
  const status = fromTwilioStatus(p.MessageStatus || p.SmsStatus);
  const byId =
    msg && /^\d+$/.test(msg)
      ? await knex('messages')
          .where({ id: Number(msg) })
          .first<MessageRow>()
      : undefined;
  const row = byId ?? (sid ? await knex('messages').where({ provider_sid: sid }).first<MessageRow>() : undefined);
  // A receipt for another message than the one its URL names is not ours to apply.
  if (!row || !status || (sid && row.provider_sid && row.provider_sid !== sid)) return;
  const code = p.ErrorCode || null;
  await advanceStatus(knex, Number(row.id), status, { provider_sid: sid, error_code: code, error_message: twilioErrorText(code) }, now);
  if (code === UNSUBSCRIBED) await optOutNumber(knex, row.phone, 'provider', now);
}

async function inboundSms(knex: Knex, p: Record<string, string>, now: string): Promise<void> {
  const phone = toE164(p.From) ?? (p.From || '').slice(0, 32);
  if (!phone) return;
  const [owner] = await patientsByPhone(knex, phone);
  // A reply answers the last task message to that number (the monthly reminder), so the
  // follow-up side can tell responders from non-responders.
  const last = await knex('messages').where({ phone, direction: 'outbound' }).whereNotNull('task_id').orderBy('id', 'desc').first('task_id');
  // Twilio retries a webhook it got no answer to: the sid keeps the reply stored once.
  await knex('messages')
    .insert({
      direction: 'inbound',
      patient_id: owner?.patientId ?? null,
      phone,
      template: null,
      body: (p.Body ?? '').slice(0, 2000),
      provider: 'twilio',
      provider_sid: p.MessageSid || p.SmsSid || null,
      status: 'received',
      about_task_id: last?.task_id ?? null,
      created_at: now,
      sent_at: now,
      updated_at: now,
    })
    .onConflict('provider_sid')
    .ignore();
  if (isOptOutReply(p.Body)) await optOutNumber(knex, phone, 'reply', now);
}
