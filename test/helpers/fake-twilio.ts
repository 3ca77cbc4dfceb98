import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTwilio } from '../../src/main/messaging/twilio-provider';

// A local stand-in for api.twilio.com that checks what Twilio checks (Basic auth with the
// account SID + auth token or an API key + secret, form-encoded bodies, E.164 numbers, From or
// MessagingServiceSid) and answers with Twilio's JSON shapes and error codes. The real `twilio`
// library talks to it through an httpClient that wraps the library's own RequestClient and
// rewrites https://*.twilio.com to this server (twilio-node pull request #326), so everything
// else in the library stays in play. It then posts signed delivery receipts and replies to the
// workstation, signed with the library's own signature code.

export interface FakeCredentials {
  accountSid: string;
  authToken: string;
  apiKey?: string;
  apiSecret?: string;
}

export interface SentRequest {
  method: string;
  path: string;
  /** Who authenticated: 'token' (account SID + auth token) or 'key' (API key + secret). */
  auth: 'token' | 'key';
  contentType: string;
  form: Record<string, string>;
}

export interface FakeMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

export interface FakeTwilio {
  url: string;
  httpClient: unknown;
  /** Accepted and refused Messages requests, in order. */
  requests: SentRequest[];
  messages: FakeMessage[];
  /** Numbers that replied STOP at the carrier: Twilio answers 21610. */
  unsubscribed: Set<string>;
  /** Numbers Twilio cannot text: 21211. */
  invalid: Set<string>;
  /** Posts a signed delivery receipt for a message to its StatusCallback URL. */
  receipt(sid: string, status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed', errorCode?: string): Promise<number>;
  /** Posts a signed inbound SMS to the workstation's inbound webhook. */
  inbound(url: string, from: string, body: string): Promise<{ status: number; text: string }>;
  /** Posts any form to any URL with the given signature header (or none). */
  post(url: string, form: Record<string, string>, signature: string | null): Promise<number>;
  sign(url: string, form: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');
const twilioError = (status: number, code: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
const E164 = /^\+[1-9]\d{6,14}$/;
const CN_MOBILE = /^\+861[3-9]\d{9}$/;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeTwilio(cred: FakeCredentials): Promise<FakeTwilio> {
  const twilio = await loadTwilio();
  const requests: SentRequest[] = [];
  const messages: FakeMessage[] = [];
  const unsubscribed = new Set<string>();
  const invalid = new Set<string>();

  function authOf(header: string | undefined): 'token' | 'key' | null {
    if (!header?.startsWith('Basic ')) return null;
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    const pass = rest.join(':');
    if (user === cred.accountSid && pass === cred.authToken) return 'token';
    if (cred.apiKey && user === cred.apiKey && pass === cred.apiSecret) return 'key';
    return null;
  }

  function createMessage(form: Record<string, string>): { status: number; body: unknown } {
    const { To: to, From: from, MessagingServiceSid: mg, Body: body, StatusCallback: cb } = form;
    if (!to) return { status: 400, body: twilioError(400, 21604, "A 'To' phone number is required.") };
    if (!E164.test(to) || (to.startsWith('+86') && !CN_MOBILE.test(to)) || invalid.has(to))
      return { status: 400, body: twilioError(400, 21211, `Invalid 'To' Phone Number: ${to.slice(0, 6)}XXXX`) };
    if (!from && !mg) return { status: 400, body: twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message") };
    if (from && !E164.test(from)) return { status: 400, body: twilioError(400, 21212, `The 'From' number ${from} is not a valid phone number`) };
    if (mg && !/^MG[0-9a-f]{32}$/.test(mg)) return { status: 400, body: twilioError(400, 21701, 'The Messaging Service Sid is invalid.') };
    if (!body) return { status: 400, body: twilioError(400, 21602, 'Message body is required.') };
    if (cb && !/^https?:\/\//.test(cb)) return { status: 400, body: twilioError(400, 21609, 'Invalid StatusCallback url') };
    if (unsubscribed.has(to)) return { status: 400, body: twilioError(400, 21610, 'Attempt to send to unsubscribed recipient') };
    const sid = `SM${hex(16)}`;
    messages.push({ sid, to, from: from ?? null, messagingServiceSid: mg ?? null, body, statusCallback: cb ?? null });
    const now = new Date().toUTCString().replace('GMT', '+0000');
    return {
      status: 201,
      body: {
        account_sid: cred.accountSid,
        api_version: '2010-04-01',
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: from ?? null,
        messaging_service_sid: mg ?? null,
        num_media: '0',
        num_segments: String(Math.ceil(Array.from(body).length / 67) || 1),
        price: null,
        price_unit: 'USD',
        sid,
        // With a Messaging Service Twilio first answers 'accepted', with a From number 'queued'.
        status: mg ? 'accepted' : 'queued',
        subresource_uris: { media: `/2010-04-01/Accounts/${cred.accountSid}/Messages/${sid}/Media.json` },
        to,
        uri: `/2010-04-01/Accounts/${cred.accountSid}/Messages/${sid}.json`,
      },
    };
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const raw = await readBody(req);
      const path = (req.url ?? '/').split('?')[0];
      const auth = authOf(req.headers.authorization);
      if (!auth) return send(401, twilioError(401, 20003, 'Authentication Error - invalid username'));
      const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(path);
      if (!m || req.method !== 'POST') return send(404, twilioError(404, 20404, `The requested resource ${path} was not found`));
      if (m[1] !== cred.accountSid) return send(403, twilioError(403, 20003, 'Authenticate'));
      const contentType = String(req.headers['content-type'] ?? '');
      const form = Object.fromEntries(new URLSearchParams(raw));
      requests.push({ method: req.method, path, auth, contentType, form });
      if (!contentType.startsWith('application/x-www-form-urlencoded'))
        return send(400, twilioError(400, 20001, 'Content-Type must be application/x-www-form-urlencoded'));
      const out = createMessage(form);
      send(out.status, out.body);
    })().catch((err) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The library's own RequestClient does the HTTP; only the host changes.
  const inner = new twilio.RequestClient();
  const httpClient = {
    request(opts: { uri: string } & Record<string, unknown>) {
      return inner.request({ ...opts, uri: opts.uri.replace(/^https:\/\/([a-z0-9-]+\.)*twilio\.com/i, url) } as never);
    },
    get lastRequest() {
      return inner.lastRequest;
    },
    get lastResponse() {
      return inner.lastResponse;
    },
  };

  const sign = async (target: string, form: Record<string, string>) => twilio.getExpectedTwilioSignature(cred.authToken, target, form);
  const post = async (target: string, form: Record<string, string>, signature: string | null) => {
    const r = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(signature ? { 'X-Twilio-Signature': signature } : {}) },
      body: new URLSearchParams(form).toString(),
    });
    await r.arrayBuffer();
    return r.status;
  };

  return {
    url,
    httpClient,
    requests,
    messages,
    unsubscribed,
    invalid,
    async receipt(sid, status, errorCode) {
      const msg = messages.find((x) => x.sid === sid);
      if (!msg?.statusCallback) throw new Error(`no StatusCallback for ${sid}`);
      const form: Record<string, string> = {
        AccountSid: cred.accountSid,
        ApiVersion: '2010-04-01',
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: msg.to,
        ...(msg.from ? { From: msg.from } : {}),
        ...(msg.messagingServiceSid ? { MessagingServiceSid: msg.messagingServiceSid } : {}),
        ...(errorCode ? { ErrorCode: errorCode } : {}),
      };
      return post(msg.statusCallback, form, await sign(msg.statusCallback, form));
    },
    async inbound(target, from, body) {
      const sid = `SM${hex(16)}`;
      const form = {
        AccountSid: cred.accountSid,
        ApiVersion: '2010-04-01',
        Body: body,
        From: from,
        To: '+8610690000',
        MessageSid: sid,
        SmsSid: sid,
        SmsMessageSid: sid,
        NumMedia: '0',
        NumSegments: '1',
      };
      const r = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': await sign(target, form) },
        body: new URLSearchParams(form).toString(),
      });
      return { status: r.status, text: await r.text() };
    },
    post,
    sign,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
