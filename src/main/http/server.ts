import { internalError } from '../api/dispatcher';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app';
import { httpStatusOf } from '../api/errors';
import { exportFileId, handleExportFile } from './exports';
import { handleRecording, isRecordingRoute, setSipCsp } from './recordings';
import { handleTwilioWebhook, isTwilioRoute } from '../messaging/webhooks';
import { EventStreams } from './event-streams';
import { hostAllowed } from './host-check';
import { securityHeaders, serveStatic } from './static';

const COOKIE = 'followup_session';
const MAX_BODY = 1 << 20;

function sessionToken(req: http.IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** Resolves to null as soon as the body is over MAX_BODY; it is then no longer kept. */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      req.off('data', onData);
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

/** A refusal sent before the body has been read: the connection then closes instead of taking in the rest. */
const refuseUnread = (req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown) => {
  // The rest is read and dropped rather than the socket reset, so the client gets to read the answer.
  req.resume();
  res.once('finish', () => req.socket.end());
  json(res, status, body, { Connection: 'close' });
};

const tooLarge = { error: { code: 'invalid_input', message: `请求内容过大，上限 ${MAX_BODY} 字节 (request body over ${MAX_BODY} bytes)` } };

async function handleApi(app: App, streams: EventStreams, method: string, req: http.IncomingMessage, res: http.ServerResponse) {
  // Custom header + JSON content type: a cross-site form or image cannot send either.
  if (req.headers['x-followup'] !== '1' || !String(req.headers['content-type']).startsWith('application/json'))
    return json(res, 403, { error: { code: 'forbidden', message: 'missing X-Followup header or JSON content type' } });
  if (Number(req.headers['content-length']) > MAX_BODY) return refuseUnread(req, res, 413, tooLarge);
  let input: unknown;
  try {
    const body = await readBody(req);
    if (body === null) return refuseUnread(req, res, 413, tooLarge);
    input = body ? JSON.parse(body) : undefined;
  } catch (err) {
    return json(res, 400, { error: { code: 'invalid_input', message: `bad JSON body: ${(err as Error).message}` } });
  }
  const token = sessionToken(req);
  const user = await app.userForToken(token);
  const out = await app.dispatcher.dispatch({ user, token, transport: 'http', address: req.socket.remoteAddress ?? null }, method, input);
  if (!out.ok) return json(res, httpStatusOf[out.error.code], { error: out.error });
  if (method === 'auth.login') {
    const { token: newToken, user: who } = out.result as { token: string; user: unknown };
    return json(res, 200, { result: { user: who } }, { 'Set-Cookie': `${COOKIE}=${encodeURIComponent(newToken)}${cookieFlags(app)}` });
  }
  if (method === 'auth.logout') {
    streams.closeSession(token);
    return json(res, 200, { result: out.result }, { 'Set-Cookie': `${COOKIE}=${cookieFlags(app)}; Max-Age=0` });
  }
  return json(res, 200, { result: out.result });
}

// Secure: sent over https only, for a server behind a TLS reverse proxy (this one speaks plain
// http, on loopback or the intranet).
const cookieFlags = (app: App) => `; HttpOnly; SameSite=Strict; Path=/${app.config.serve.secureCookie ? '; Secure' : ''}`;

async function handleEvents(streams: EventStreams, req: http.IncomingMessage, res: http.ServerResponse) {
  if (!(await streams.open(sessionToken(req), req, res))) return json(res, 401, { error: { code: 'unauthenticated', message: 'please sign in' } });
}

/** The path, decoded; null when it is not valid percent-encoding. */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0]);
  } catch {
    return null;
  }
}

/** The browser shell: the renderer, `POST /api/<method>` over the one dispatcher, and events. */
export function startHttpServer(
  app: App,
  opts: { host: string; port: number; staticDir: string; log?: (m: string) => void; eventCheckMs?: number },
): Promise<http.Server & { url: string }> {
  const streams = new EventStreams(app, opts.eventCheckMs);
  const server = http.createServer((req, res) => {
    securityHeaders(res);
    const url = req.url ?? '/';
    // Twilio's webhooks carry their own signature and reach us under the public name it was given.
    const bound = { host: opts.host, port: (server.address() as AddressInfo).port };
    if (!isTwilioRoute(url) && !hostAllowed(req.headers.host, bound, app.config.serve.allowedHosts))
      return json(res, 421, { error: { code: 'forbidden', message: '不接受此主机名 (unknown Host; add it to serve.allowedHosts)' } });
    if (decodedPath(url) === null) return json(res, 400, { error: { code: 'invalid_input', message: 'malformed URL' } });
    const apiMatch = /^\/api\/([a-zA-Z.]+)$/.exec(url.split('?')[0]);
    const done = (p: Promise<unknown>) =>
      p.catch((err) => {
        // The class, code and frames only: a message may quote patient data (see describeError).
        const error = internalError(opts.log ?? (() => {}), `http ${url.split('?')[0]}`, err);
        if (!res.headersSent) json(res, 500, { error });
      });
    if (url === '/healthz') return json(res, 200, { ok: true });
    if (url.startsWith('/api/events') && req.method === 'GET') return void done(handleEvents(streams, req, res));
    if (isRecordingRoute(url)) return void done(handleRecording(app, sessionToken(req), req, res));
    const exportId = req.method === 'GET' ? exportFileId(url) : null;
    if (exportId) return void done(handleExportFile(app, sessionToken(req), exportId, res));
    if (isTwilioRoute(url)) return void done(handleTwilioWebhook(app, req, res, opts.log));
    if (apiMatch && req.method === 'POST') return void done(handleApi(app, streams, apiMatch[1], req, res));
    if (url.startsWith('/api/')) return json(res, 404, { error: { code: 'unknown_method', message: 'not found' } });
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: { code: 'forbidden', message: 'method not allowed' } });
    void done(setSipCsp(app, res).then(() => serveStatic(opts.staticDir, url, res)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve(Object.assign(server, { url: `http://${opts.host}:${port}` }));
    });
  });
}
