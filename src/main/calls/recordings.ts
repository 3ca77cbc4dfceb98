import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { StagedRecording } from '../../shared/contract/calls';
import { ApiError } from '../api/errors';
import { beijingTimestamp, type Clock } from '../util/clock';
import type { CallRow } from './calls-repo';

// Recordings live as files under the recordings root (<dataDir>/recordings, or the shared folder
// config.json names for a team: see AppConfig.recordingsDir) in YYYY/MM/, the row keeps the path
// relative to the root, so every workstation that mounts the share finds the file. They are kept for a retention period (FOLLOWUP_RECORDING_RETENTION_DAYS, default 365)
// and then deleted by purgeRecordings, which also runs after each upload.

export const DEFAULT_RETENTION_DAYS = 365;

export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.FOLLOWUP_RECORDING_RETENTION_DAYS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_RETENTION_DAYS;
}

const extOf = (mime: string) => (mime.startsWith('audio/ogg') ? 'ogg' : 'webm');

/** A recording may be stored for a call the patient consented to record, once. */
export function assertRecordable(call: CallRow): void {
  if (!Number(call.consent))
    throw new ApiError('conflict', `call ${call.id} has no consent to record (given when dialling or by calls.setConsent during the call)`);
  if (call.recording_path) throw new ApiError('conflict', `call ${call.id} already has a recording`);
}

export async function saveRecording(knex: Knex, root: string, call: CallRow, mimeType: string, data: Uint8Array | StagedRecording): Promise<number> {
  assertRecordable(call);
  const rel = path.posix.join(call.started_at.slice(0, 4), call.started_at.slice(5, 7), `call-${call.id}.${extOf(mimeType)}`);
  const file = path.join(root, rel);
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then renamed: a crash never leaves a truncated file behind a row.
  const bytes = data instanceof StagedRecording ? data.bytes : data.byteLength;
  if (data instanceof StagedRecording) await fs.promises.rename(data.file, file);
  else {
    const tmp = `${file}.part`;
    await fs.promises.writeFile(tmp, data, { mode: 0o600 });
    await fs.promises.rename(tmp, file);
  }
  await knex('calls').where({ id: call.id }).update({ recording_path: rel, recording_mime: mimeType, recording_bytes: bytes });
  return bytes;
}

/** Thrown by stageRecording when the body is not the declared size. */
export class UploadSizeError extends Error {}

/**
 * Streams an uploaded body to a private file under <recordings root>/.incoming (the same file system, so the final move is a rename) (0600), never
 * holding more than a chunk in memory; exactly `declared` bytes must arrive. The caller removes
 * the file unless saveRecording moved it into place.
 */
export async function stageRecording(root: string, body: Readable, declared: number): Promise<StagedRecording> {
  const dir = path.join(root, '.incoming');
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `upload-${randomBytes(12).toString('hex')}.part`);
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > declared ? new UploadSizeError(`body larger than its Content-Length ${declared}`) : null, chunk);
    },
  });
  try {
    await pipeline(body, count, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    if (bytes !== declared) throw new UploadSizeError(`body of ${bytes} bytes, Content-Length ${declared}`);
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return new StagedRecording(file, bytes);
}

export async function readRecording(rootDir: string, call: CallRow): Promise<{ mimeType: string; file: string; bytes: number }> {
  if (!call.recording_path) throw new ApiError('not_found', `call ${call.id} has no recording`);
  const root = path.resolve(rootDir);
  const file = path.resolve(root, call.recording_path);
  if (!file.startsWith(root + path.sep)) throw new ApiError('not_found', `call ${call.id} has no recording`);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) throw new ApiError('not_found', `the recording of call ${call.id} is missing on disk`);
  return { mimeType: call.recording_mime ?? 'audio/webm', file, bytes: stat.size };
}

/** Deletes recordings of calls started more than `days` days ago; returns how many. */
export async function purgeRecordings(knex: Knex, clock: Clock, rootDir: string, days: number): Promise<number> {
  const cutoff = beijingTimestamp(new Date(clock.now().getTime() - days * 86_400_000));
  const rows = (await knex('calls').whereNotNull('recording_path').where('started_at', '<', cutoff).select('id', 'recording_path')) as Pick<
    CallRow,
    'id' | 'recording_path'
  >[];
  const root = path.resolve(rootDir);
  let purged = 0;
  for (const r of rows) {
    const file = path.resolve(root, r.recording_path!);
    if (file.startsWith(root + path.sep)) await fs.promises.rm(file, { force: true });
    await knex('calls')
      .where({ id: r.id })
      .update({ recording_path: null, recording_purged_at: beijingTimestamp(clock.now()) });
    purged += 1;
  }
  return purged;
}
