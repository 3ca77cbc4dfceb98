import { api } from '../../api/client';
import { ApiCallError } from '../../api/errors';

// Recordings are binary: over IPC they travel as a Uint8Array through the usual call; over
// HTTP a JSON body would be a third bigger and slow, so they use the binary route
// /api/calls.recording (same dispatcher, same checks, see src/main/http/recordings.ts).

const overIpc = () => !!(globalThis as { followup?: unknown }).followup;

type Mime = 'audio/webm' | 'audio/webm;codecs=opus' | 'audio/ogg;codecs=opus' | 'audio/ogg';

async function httpError(res: Response): Promise<ApiCallError> {
  const body = (await res.json().catch(() => null)) as { error?: { code: ApiCallError['code']; message: string } } | null;
  return new ApiCallError(body?.error?.code ?? (res.status === 401 ? 'unauthenticated' : 'internal'), body?.error?.message ?? `HTTP ${res.status}`);
}

export async function uploadRecording(callId: number, blob: Blob): Promise<number> {
  const mimeType = blob.type.replace(/\s+/g, '') as Mime;
  if (overIpc()) {
    const data = new Uint8Array(await blob.arrayBuffer());
    return (await api.call('calls.uploadRecording', { callId, mimeType, data })).bytes;
  }
  const res = await fetch(`api/calls.recording?callId=${callId}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': mimeType, 'X-Followup': '1' },
    body: blob,
  });
  if (!res.ok) throw await httpError(res);
  return ((await res.json()) as { result: { bytes: number } }).result.bytes;
}

/** The recording as a Blob; the player makes an object URL of it (CSP media-src blob:). */
export async function fetchRecording(callId: number): Promise<Blob> {
  if (overIpc()) {
    const { mimeType, data } = await api.call('calls.recordingData', { callId });
    return new Blob([data as BlobPart], { type: mimeType });
  }
  const res = await fetch(`api/calls.recording?callId=${callId}`, { credentials: 'same-origin' });
  if (!res.ok) throw await httpError(res);
  return res.blob();
}
