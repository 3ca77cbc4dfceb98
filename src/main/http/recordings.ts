import type http from 'node:http';
import type { App } from '../app';
import { httpStatusOf } from '../api/errors';
import { softphoneCspSources } from '../calls/csp-sources';
import { MAX_RECORDING_BYTES } from '../../shared/contract/calls';
import { cspWith } from './static';

// Binary routes of the softphone over HTTP (a recording is too heavy for a JSON body). Both go
// through the one dispatcher, so roles, validation and audit are those of the IPC calls:
//   POST /api/calls.recording?callId=N  body = the audio file  →  calls.uploadRecording
//   GET  /api/calls.recording?callId=N                          →  calls.recordingData

const send = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};

function readBinary(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const isRecordingRoute = (url: string) => url.split('?')[0] === '/api/calls.recording';

export async function handleRecording(app: App, token: string | null, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const callId = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('callId'));
  const user = await app.userForToken(token);
  const ctx = { user, token, transport: 'http' as const };
  if (req.method === 'POST') {
    // Same CSRF guard as the JSON API: a cross-site form cannot set a custom header.
    if (req.headers['x-followup'] !== '1') return send(res, 403, { error: { code: 'forbidden', message: 'missing X-Followup header' } });
    if (!user) return send(res, 401, { error: { code: 'unauthenticated', message: 'please sign in' } });
    const data = await readBinary(req, MAX_RECORDING_BYTES);
    if (!data) return send(res, 413, { error: { code: 'invalid_input', message: 'recording too large' } });
    const mimeType = String(req.headers['content-type'] ?? '').replace(/\s+/g, '');
    const out = await app.dispatcher.dispatch(ctx, 'calls.uploadRecording', {
      callId,
      mimeType,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return out.ok ? send(res, 200, { result: out.result }) : send(res, httpStatusOf[out.error.code], { error: out.error });
  }
  if (req.method !== 'GET') return send(res, 405, { error: { code: 'forbidden', message: 'method not allowed' } });
  const out = await app.dispatcher.dispatch(ctx, 'calls.recordingData', { callId });
  if (!out.ok) return send(res, httpStatusOf[out.error.code], { error: out.error });
  const { mimeType, data } = out.result as { mimeType: string; data: Uint8Array };
  res.writeHead(200, { 'Content-Type': mimeType, 'Content-Length': data.byteLength, 'Cache-Control': 'no-store' });
  res.end(data);
}

/** The page's CSP with the softphone's SIP WebSocket origins (and Twilio's, when configured) in connect-src. */
export async function setSipCsp(app: App, res: http.ServerResponse): Promise<void> {
  res.setHeader('Content-Security-Policy', cspWith(await softphoneCspSources(app.store.knex, app.config.twilio)));
}
