import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app';
import { httpStatusOf } from '../api/errors';
import { exportFileId, handleExportFile } from './exports';
import { handleRecording, isRecordingRoute, setSipCsp } from './recordings';
import { handleTwilioWebhook, isTwilioRoute } from '../messaging/webhooks';
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

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

async function handleApi(app: App, method: string, req: http.IncomingMessage, res: http.ServerResponse) {
  // Custom header + JSON content type: a cross-site form or image cannot send either.
  if (req.headers['x-followup'] !== '1' || !String(req.headers['content-type']).startsWith('application/json'))
    return json(res, 403, { error: { code: 'forbidden', message: 'missing X-Followup header or JSON content type' } });
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body ? JSON.parse(body) : undefined;
  } catch (err) {
    return json(res, 400, { error: { code: 'invalid_input', message: `bad JSON body: ${(err as Error).message}` } });
  }
  const token = sessionToken(req);
  const user = await app.userForToken(token);
  const out = await app.dispatcher.dispatch({ user, token, transport: 'http' }, method, input);
  if (!out.ok) return json(res, httpStatusOf[out.error.code], { error: out.error });
  if (method === 'auth.login') {
    const { token: newToken, user: who } = out.result as { token: string; user: unknown };
    return json(res, 200, { result: { user: who } }, { 'Set-Cookie': `${COOKIE}=${encodeURIComponent(newToken)}; HttpOnly; SameSite=Strict; Path=/` });
  }
  if (method === 'auth.logout') return json(res, 200, { result: out.result }, { 'Set-Cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` });
  return json(res, 200, { result: out.result });
}

async function handleEvents(app: App, req: http.IncomingMessage, res: http.ServerResponse) {
  if (!(await app.userForToken(sessionToken(req)))) return json(res, 401, { error: { code: 'unauthenticated', message: 'please sign in' } });
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = app.events.subscribe((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
  const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(ping);
    unsubscribe();
  });
}

/** The browser shell: the renderer, `POST /api/<method>` over the one dispatcher, and events. */
export function startHttpServer(
  app: App,
  opts: { host: string; port: number; staticDir: string; log?: (m: string) => void },
): Promise<http.Server & { url: string }> {
  const server = http.createServer((req, res) => {
    securityHeaders(res);
    const url = req.url ?? '/';
    const apiMatch = /^\/api\/([a-zA-Z.]+)$/.exec(url.split('?')[0]);
    const done = (p: Promise<unknown>) =>
      p.catch((err) => {
        opts.log?.(`http ${url}: ${(err as Error).stack}`);
        if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: 'internal error' } });
      });
    if (url === '/healthz') return json(res, 200, { ok: true });
    if (url.startsWith('/api/events') && req.method === 'GET') return void done(handleEvents(app, req, res));
    if (isRecordingRoute(url)) return void done(handleRecording(app, sessionToken(req), req, res));
    const exportId = req.method === 'GET' ? exportFileId(url) : null;
    if (exportId) return void done(handleExportFile(app, sessionToken(req), exportId, res));
    if (isTwilioRoute(url)) return void done(handleTwilioWebhook(app, req, res, opts.log));
    if (apiMatch && req.method === 'POST') return void done(handleApi(app, apiMatch[1], req, res));
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
