import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { HisRow } from './types';

// A HIS view is read on a thread of its own, a few batches ahead of the sync, so that on a
// first load the reading (a fifth of the work) overlaps the writing instead of taking turns
// with it. The reader stops once it is PREFETCH batches ahead, so memory stays flat however
// slow the writer is.
const PREFETCH = 4;

// Reads go through mmap, as the store's do: an incremental window's rows lie scattered over the
// HIS file, and paging them in beats one read() per page (a no-change re-sync of the 1M-encounter
// bench, caches dropped: 2.1–2.4 s without, 1.5–1.8 s with).
const MMAP_BYTES = 2 ** 31;

interface ReaderInput {
  driver: string;
  filename: string;
  sql: string;
  params: unknown[];
  batchSize: number;
  mmapBytes: number;
  /** [credits, stop]: batches the reader may still send; 1 when the reader must stop. */
  control: SharedArrayBuffer;
}

type ReaderMessage = { columns: string[] } | { rows: unknown[][] } | { done: true } | { error: string };
type Delivery = ReaderMessage | { exited: number } | { crashed: string };

/* Runs inside the worker, from its source text: no imports, everything comes in workerData. */
function readerThread(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: no imports in a worker's source text
  const { parentPort, workerData } = require('node:worker_threads');
  const input = workerData as ReaderInput;
  const control = new Int32Array(input.control);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the driver's path comes in workerData
  const Database = require(input.driver);
  const db = new Database(input.filename, { readonly: true, fileMustExist: true });
  db.pragma(`mmap_size = ${input.mmapBytes}`);
  const mayGoOn = () => {
    while (Atomics.load(control, 0) <= 0 && Atomics.load(control, 1) === 0) Atomics.wait(control, 0, 0, 1000);
    Atomics.sub(control, 0, 1);
    return Atomics.load(control, 1) === 0;
  };
  try {
    const stmt = db.prepare(input.sql).raw();
    parentPort.postMessage({ columns: stmt.columns().map((c: { name: string }) => c.name) });
    let rows: unknown[][] = [];
    for (const values of stmt.iterate(...input.params)) {
      rows.push(values);
      if (rows.length < input.batchSize) continue;
      if (!mayGoOn()) return;
      parentPort.postMessage({ rows });
      rows = [];
    }
    if (rows.length && mayGoOn()) parentPort.postMessage({ rows });
    parentPort.postMessage({ done: true });
  } catch (err) {
    parentPort.postMessage({ error: (err as Error).message });
  } finally {
    db.close();
  }
}

/** Rows as arrays, made into objects here: every row of a view gets the same shape. */
function toRow(columns: string[], values: unknown[]): HisRow {
  const row: HisRow = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
  return row;
}

/** The same reading on the caller's thread: the fallback when no reader thread can start. */
async function* readHere(filename: string, sql: string, params: unknown[], batchSize: number): AsyncGenerator<HisRow[]> {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  try {
    const stmt = db.prepare(sql).raw();
    const columns = stmt.columns().map((c) => c.name);
    let batch: HisRow[] = [];
    for (const values of stmt.iterate(...params) as Iterable<unknown[]>) {
      batch.push(toRow(columns, values));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } finally {
    db.close();
  }
}

export const readerSource = `(${readerThread.toString()})()`;

/**
 * Starts reading at once (so a caller can have the next view read, and sorted, while it writes
 * the current one) and yields batches of rows. `return()` stops the reader thread, also when
 * no batch was ever taken. A reader thread that cannot start (a packaging fault, say) costs
 * speed, not the sync: the rows are then read here.
 */
export function readInWorker(filename: string, sql: string, params: unknown[], batchSize: number, source = readerSource): AsyncIterableIterator<HisRow[]> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[0] = PREFETCH;
  const input: ReaderInput = {
    driver: require.resolve('better-sqlite3'),
    filename,
    sql,
    params,
    batchSize,
    mmapBytes: MMAP_BYTES,
    control: control.buffer as SharedArrayBuffer,
  };
  const worker = new Worker(source, { eval: true, workerData: input });
  const inbox: Delivery[] = [];
  let wake: (() => void) | null = null;
  const deliver = (m: Delivery) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (err) => deliver({ crashed: err.message }));
  worker.on('exit', (code) => deliver({ exited: code }));
  let columns: string[] | null = null;
  let fallback: AsyncGenerator<HisRow[]> | null = null;
  let finished = false;
  const stop = async () => {
    if (finished) return;
    finished = true;
    Atomics.store(control, 1, 1);
    Atomics.notify(control, 0);
    await worker.terminate();
  };
  const end = { done: true, value: undefined } as const;
  const take = async () => {
    for (;;) {
      if (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      if ('crashed' in m && !columns) return m;
      if ('crashed' in m || 'error' in m) throw new Error('crashed' in m ? m.crashed : m.error);
      if ('exited' in m) throw new Error(`the HIS reader stopped unexpectedly (exit code ${m.exited})`);
      if ('columns' in m) {
        columns = m.columns;
        continue;
      }
      return m;
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (fallback) return fallback.next();
      if (finished) return end;
      try {
        const m = await take();
        if ('crashed' in m) {
          await stop();
          fallback = readHere(filename, sql, params, batchSize);
          return fallback.next();
        }
        if ('done' in m) {
          await stop();
          return end;
        }
        Atomics.add(control, 0, 1);
        Atomics.notify(control, 0);
        return { done: false, value: m.rows.map((values) => toRow(columns!, values)) };
      } catch (err) {
        await stop();
        throw err;
      }
    },
    async return() {
      await stop();
      await fallback?.return(undefined);
      return end;
    },
  };
}
