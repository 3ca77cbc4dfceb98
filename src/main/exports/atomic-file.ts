import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Writes a file (0600) under a temporary name in the same folder and renames it when complete,
 * so a cancelled or failed write leaves nothing behind and nobody ever reads half a file.
 */
export async function writeAtomically<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.part`);
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  // A write error (a full disk) fails the export; unheard, it would be thrown as an uncaught error.
  out.on('error', () => {});
  try {
    const result = await write(out);
    throwIfClosed(out);
    if (!out.writableEnded) out.end();
    await finished(out);
    await fs.promises.rename(tmp, file);
    return result;
  } catch (err) {
    // Abandoned: what a writer still pushes (exceljs's zip stream finishing an entry) is dropped.
    out.destroy();
    await finished(out).catch(() => {});
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Throws the stream's error once it has failed or closed early (a full disk). */
export function throwIfClosed(out: Writable): void {
  if (out.errored || (out.destroyed && !out.writableFinished)) throw out.errored ?? new Error('the export file was closed');
}

/** Resolves when `out` drains; rejects as soon as it fails or closes, instead of waiting for ever. */
export function drained(out: Writable, emitter: NodeJS.EventEmitter = out): Promise<void> {
  throwIfClosed(out);
  return new Promise((resolve, reject) => {
    const settle = (err?: Error | null) => {
      emitter.off('drain', onDrain);
      out.off('error', onFail);
      out.off('close', onFail);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onFail = () => settle(out.errored ?? new Error('the export file was closed'));
    emitter.once('drain', onDrain);
    out.once('error', onFail);
    out.once('close', onFail);
  });
}

/** Rejects when `out` fails or closes before it has finished; never resolves. */
export function failureOf(out: Writable): Promise<never> {
  return new Promise((_, reject) => {
    const onEnd = () => {
      if (out.errored || !out.writableFinished) reject(out.errored ?? new Error('the export file was closed'));
    };
    out.once('error', onEnd);
    out.once('close', onEnd);
  });
}

/** write() that waits when the stream's buffer is full. */
export function writeChunk(out: Writable, chunk: string): Promise<void> | null {
  throwIfClosed(out);
  return out.write(chunk) ? null : drained(out);
}
