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
  try {
    const result = await write(out);
    if (!out.writableEnded) out.end();
    await finished(out);
    await fs.promises.rename(tmp, file);
    return result;
  } catch (err) {
    // Abandoned: what a writer still pushes (exceljs's zip stream finishing an entry) is dropped,
    // not raised as an uncaught 'write after destroyed' error.
    out.on('error', () => {});
    out.destroy();
    await finished(out).catch(() => {});
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** write() that waits when the stream's buffer is full. */
export function writeChunk(out: Writable, chunk: string): Promise<void> | null {
  return out.write(chunk)
    ? null
    : new Promise((resolve, reject) => {
        const onError = (err: Error) => {
          out.off('drain', onDrain);
          reject(err);
        };
        const onDrain = () => {
          out.off('error', onError);
          resolve();
        };
        out.once('drain', onDrain);
        out.once('error', onError);
      });
}
