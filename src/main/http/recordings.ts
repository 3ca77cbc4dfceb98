import fs from 'node:fs';
import type http from 'node:http';
import type { App } from '../app';
import { ApiError, httpStatusOf } from '../api/errors';
import { ownCall } from '../calls/calls-repo';
import { softphoneCspSources } from '../calls/csp-sources';
import { assertRecordable, stageRecording, UploadSizeError } from '../calls/recordings';
import type { ApiErrorBody } from '../../shared/contract';
import { MAX_RECORDING_BYTES, type StagedRecording } from '../../shared/contract/calls';
import { cspWith } from './static';

// Binary routes of the softphone over HTTP (a recording is too heavy for a JSON body). Both go
// through the one dispatcher, so roles, validation and audit are those of the IPC calls; an
// upload is checked (signed in, size, her own call, consent) before its body is read, and the
// body is streamed to a private file, never held in memory:
//   POST /api/calls.recording?callId=N  body = the audio file  →  calls.uploadRecording
//   GET  /api/calls.recording?callId=N                          →  calls.recordingData

const send = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};

/** An upload refused before its body is read: answered at once, and the connection closed so the rest is not taken in. */
const refuse = (req: http.IncomingMessage, res: http.ServerResponse, status: number, code: ApiErrorBody['code'], message: string) => {
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.socket.end());
  send(res, status, { error: { code, message } });
};

export const isRecordingRoute = (url: string) => url.split('?')[0] === '/api/calls.recording';

export async function handleRecording(app: App, token: string | null, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const callId = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('callId'));
  const user = await app.userForToken(token);
  const ctx = { user, token, transport: 'http' as const, address: req.socket.remoteAddress ?? null };
  if (req.method === 'POST') {
    // Same CSRF guard as the JSON API: a cross-site form cannot set a custom header.
    if (req.headers['x-followup'] !== '1') return refuse(req, res, 403, 'forbidden', 'missing X-Followup header');
    if (!user) return refuse(req, res, 401, 'unauthenticated', 'please sign in');
    // Size, call and ownership are settled before a byte of the body is read.
    const declared = Number(req.headers['content-length']);
    if (req.headers['content-length'] === undefined || !Number.isSafeInteger(declared))
      return refuse(req, res, 411, 'invalid_input', '需要 Content-Length (Content-Length required)');
    if (declared > MAX_RECORDING_BYTES) return refuse(req, res, 413, 'invalid_input', '录音文件过大 (recording too large)');
    if (!Number.isSafeInteger(callId) || callId <= 0) return refuse(req, res, 400, 'invalid_input', 'callId must be a positive integer');
    try {
      assertRecordable(await ownCall(app.store.knex, callId, user.id));
    } catch (err) {
      if (err instanceof ApiError) return refuse(req, res, httpStatusOf[err.code], err.code, err.message);
      throw err;
    }
    let staged: StagedRecording;
    try {
      staged = await stageRecording(app.config.recordingsDir, req, declared);
    } catch (err) {
      if (err instanceof UploadSizeError) return refuse(req, res, 413, 'invalid_input', err.message);
      throw err;
    }
    try {
      const mimeType = String(req.headers['content-type'] ?? '').replace(/\s+/g, '');
      const out = await app.dispatcher.dispatch(ctx, 'calls.uploadRecording', { callId, mimeType, data: staged });
      return out.ok ? send(res, 200, { result: out.result }) : send(res, httpStatusOf[out.error.code], { error: out.error });
    } finally {
      await fs.promises.rm(staged.file, { force: true });
    }
  }
  if (req.method !== 'GET') return send(res, 405, { error: { code: 'forbidden', message: 'method not allowed' } });
  const out = await app.dispatcher.dispatch(ctx, 'calls.recordingData', { callId });
  if (!out.ok) return send(res, httpStatusOf[out.error.code], { error: out.error });
  const { mimeType, data } = out.result as { mimeType: string; data: Uint8Array };
  res.writeHead(200, { 'Content-Type': mimeType, 'Content-Length': data.byteLength, 'Cache-Control': 'no-store' });
  res.end(data);
}

/** The page's CSP with the admin's PBX WebSocket origins (and Twilio's, when configured) in connect-src. */
export async function setSipCsp(app: App, res: http.ServerResponse): Promise<void> {
  res.setHeader('Content-Security-Policy', cspWith(softphoneCspSources(app.config)));
}
