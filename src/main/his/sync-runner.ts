import type { EntityCounts, SyncProgress, SyncRun } from '../../shared/model';
import { restoreIndexes } from '../store/deferred-indexes';
import type { Store } from '../store/store';
import { beijingTimestamp, type Clock } from '../util/clock';
import { entityHandlers } from './entities';
import { entityContext, type EntityContext, type Rejection } from './entities/types';
import { ValueMapper, type EntitySpec, type HisProfile } from './profile';
import type { HisRow, HisSource } from './sources/types';
import { BULK_FILLED_BY, deferIndexes } from './bulk-indexes';
import { openSyncDb, type Q, type SyncDb } from './sync-db';
import { missingColumnsMessage, missingRequired, ProfileColumnsError } from './column-check';
import { keepGroupsTogether, syncWindow } from './windows';
import { tallyRejections } from './tally';

export interface SyncOptions {
  triggeredBy?: string;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** Rows per read from the HIS (and per write: a store commit ends between two batches). */
  batchSize?: number;
  /** Rows per store transaction, at most. */
  rowsPerCommit?: number;
  /**
   * Milliseconds a store transaction may stay open (it commits after the batch under way).
   * Nurses' writes wait for at most one such transaction, and on SQLite, where every write
   * runs on the event loop, so does everything else the server does.
   */
  commitMs?: number;
  /** Ignore watermarks and re-read everything (after fixing rows in the HIS, say). */
  full?: boolean;
}

/**
 * The default `commitMs`. A bulk load pays for each commit (index pages written again), so not
 * much shorter; nurses' writes wait for one commit at most, so not much longer.
 */
export const COMMIT_MS = 100;
/**
 * The default `batchSize`. A batch is written in one go, on the event loop (better-sqlite3 is
 * synchronous): 500 patients take some 50 ms, 2,000 took long enough to be felt.
 */
export const BATCH_ROWS = 500;

export class SyncCancelled extends Error {
  constructor() {
    super('sync cancelled');
  }
}

async function saveRejections(q: Q, runId: number, sourceSystem: string, now: string, rejections: Rejection[]) {
  for (const r of rejections)
    await q.run(
      `insert into rejected_rows (sync_run_id, source_system, entity, source_key, reason, detail, raw, first_seen_at, last_seen_at)
       values (?,?,?,?,?,?,?,?,?) on conflict (source_system, entity, source_key, reason) do update set
       sync_run_id = excluded.sync_run_id, detail = excluded.detail, raw = excluded.raw, last_seen_at = excluded.last_seen_at`,
      [runId, sourceSystem, r.entity, r.key.slice(0, 128), r.reason, r.detail?.slice(0, 512) ?? null, JSON.stringify(r.raw), now, now],
    );
}

// Looked up per rejected row through the unique key (a handful of rows), not by listing every
// stored key of the source (a million encounters, and seconds of holding the write lock).
const stored = (kind: string) =>
  `select 1 from encounters s where s.source_system = rejected_rows.source_system and s.kind = '${kind}' and s.source_id = rejected_rows.source_key`;
const STORED_AS: Partial<Record<string, string>> = {
  patients: 'select 1 from patients s where s.source_system = rejected_rows.source_system and s.source_patient_id = rejected_rows.source_key',
  inpatient_stays: stored('inpatient'),
  outpatient_visits: stored('outpatient'),
  checkups: stored('checkup'),
};

/** A row rejected once (say, its patient was not there yet) and loaded since leaves the list. */
async function forgetResolvedRejections(db: SyncDb, ctx: EntityContext, entity: string) {
  const exists = STORED_AS[entity];
  if (!exists) return;
  await db.transaction((q) =>
    q.run(`delete from rejected_rows where source_system = ? and entity = ? and last_seen_at < ? and exists (${exists})`, [ctx.sourceSystem, entity, ctx.now]),
  );
}

interface OpenedStream {
  batches: AsyncIterable<HisRow[]>;
  nextWatermark: string;
  firstRead: boolean;
  /** An incremental business-date window's first day (EntityContext.windowFrom). */
  windowFrom?: string;
}

/** Starts reading one view (a source may begin at once, before the first batch is taken). */
async function openStream(db: SyncDb, source: HisSource, spec: EntitySpec, sourceSystem: string, now: string, opts: SyncOptions): Promise<OpenedStream> {
  const [state] = await db.transaction((q) =>
    q.all<{ watermark_value: string | null }>('select watermark_value from sync_state where source_system = ? and entity = ?', [sourceSystem, spec.entity]),
  );
  const { window, nextWatermark } = syncWindow(spec, state?.watermark_value ?? null, now, { full: opts.full });
  const firstRead = !state?.watermark_value;
  const windowed = spec.watermark?.kind === 'business_date' && !firstRead && !opts.full;
  return {
    batches: source.stream(spec.sqlText, { ...window }, opts.batchSize ?? BATCH_ROWS),
    nextWatermark,
    firstRead,
    windowFrom: windowed ? window.since_date : undefined,
  };
}

const closeStream = async (s: OpenedStream | null) => {
  await s?.batches[Symbol.asyncIterator]().return?.();
};

/** The next batch, or null when it has not come within `ms` (it is then still on its way). */
async function within<T>(next: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([next, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function syncEntity(db: SyncDb, opened: OpenedStream, spec: EntitySpec, ctx: EntityContext, runId: number, counts: EntityCounts, opts: SyncOptions) {
  const handler = entityHandlers[spec.entity];
  const batches = handler.groupBy ? keepGroupsTogether(opened.batches, handler.groupBy) : opened.batches;
  const rowsPerCommit = opts.rowsPerCommit ?? 20_000;
  const commitMs = opts.commitMs ?? COMMIT_MS;
  const it = batches[Symbol.asyncIterator]();
  // A batch asked for in one transaction that had no time left to wait for it.
  let pending: Promise<IteratorResult<HisRow[]>> | null = null;
  const take = () => {
    const p = pending ?? it.next();
    pending = null;
    return p;
  };
  // Small read batches keep memory flat; a commit takes as many as fit in `commitMs` (and at
  // most `rowsPerCommit` rows), so nobody waits long for the write lock. Commits end between
  // batches, so a parent's rows are never split, and a crash loses at most the open commit,
  // which is re-read (the watermark moves only once the whole entity is in).
  let checked = false;
  try {
    for (;;) {
      // Each commit's first batch is read before it begins: a slow HIS never holds the store's write lock.
      const first = await take();
      if (first.done) break;
      // Once per entity, on the first batch: a misspelled alias must stop the run, not reject every row.
      if (!checked) {
        checked = true;
        const missing = missingRequired(spec, Object.keys(first.value[0] ?? {}));
        if (missing.length) throw new ProfileColumnsError(missingColumnsMessage(spec.entity, missing));
      }
      let finished = false;
      await db.transaction(async (q) => {
        const began = performance.now();
        let rows = first.value;
        for (let n = 0; ;) {
          if (opts.signal?.aborted) throw new SyncCancelled();
          const r = await handler.processBatch(q, rows, ctx);
          await saveRejections(q, runId, ctx.sourceSystem, ctx.now, r.rejections);
          n += rows.length;
          counts.read += rows.length;
          counts.inserted += r.inserted;
          counts.updated += r.updated;
          counts.unchanged += r.unchanged;
          tallyRejections(counts, spec.entity, r.rejections);
          opts.onProgress?.({ runId, entity: spec.entity, read: counts.read, rejected: counts.rejected, done: false, status: 'running' });
          const left = commitMs - (performance.now() - began);
          if (n >= rowsPerCommit || left <= 0) return;
          pending = it.next();
          const next = await within(pending, left);
          if (!next) return;
          pending = null;
          if (next.done) {
            finished = true;
            return;
          }
          rows = next.value;
        }
      });
      if (finished) break;
    }
  } finally {
    // A failed or cancelled entity stops its reader (a thread, for a SQLite HIS) too.
    await closeStream(opened);
  }
  await forgetResolvedRejections(db, ctx, spec.entity);
  // The watermark moves only after the whole window is in: a failure re-reads it next time.
  // A first read that found nothing sets none: views still empty (or a HIS account not yet
  // granted them) must not hide the history they show later.
  if (spec.watermark && !(opened.firstRead && counts.read === 0))
    await db.transaction((q) =>
      q.run(
        `insert into sync_state (source_system, entity, watermark_kind, watermark_value, last_ok_at) values (?,?,?,?,?)
       on conflict (source_system, entity) do update set watermark_value = excluded.watermark_value, last_ok_at = excluded.last_ok_at`,
        [ctx.sourceSystem, spec.entity, spec.watermark!.kind, opened.nextWatermark, ctx.now],
      ),
    );
}

async function storeIsEmpty(q: Q, sourceSystem: string): Promise<boolean> {
  const [e] = await q.all('select 1 as x from encounters where source_system = ? limit 1', [sourceSystem]);
  const [p] = await q.all('select 1 as x from patients where source_system = ? limit 1', [sourceSystem]);
  return !e && !p;
}

/** A run that could not begin (the HIS unreachable, say), recorded so the sync screen shows why. */
export async function recordFailedRun(
  store: Store,
  clock: Clock,
  r: { profile: string; sourceSystem: string; triggeredBy?: string | null; error: string },
): Promise<SyncRun> {
  const now = beijingTimestamp(clock.now());
  const row = { profile: r.profile, source_system: r.sourceSystem, status: 'failed', started_at: now, finished_at: now, triggered_by: r.triggeredBy ?? null };
  const [{ id }] = await store
    .knex('sync_runs')
    .insert({ ...row, counts: '{}', error: r.error })
    .returning('id');
  return {
    id: Number(id),
    profile: r.profile,
    status: 'failed',
    startedAt: now,
    finishedAt: now,
    triggeredBy: r.triggeredBy ?? null,
    counts: {},
    error: r.error,
  };
}

export async function runSync(store: Store, source: HisSource, profile: HisProfile, clock: Clock, opts: SyncOptions = {}): Promise<SyncRun> {
  const now = beijingTimestamp(clock.now());
  const { knex } = store;
  // A run left 'running' by a crashed process is closed before a new one starts.
  await knex('sync_runs').where({ status: 'running', profile: profile.name }).update({ status: 'failed', error: 'interrupted', finished_at: now });
  const [{ id: runId }] = await knex('sync_runs')
    .insert({ profile: profile.name, source_system: profile.sourceSystem, status: 'running', started_at: now, triggered_by: opts.triggeredBy ?? null })
    .returning('id');
  const counts: Record<string, EntityCounts> = {};
  const mapper = new ValueMapper(profile.valueMaps);
  const db = openSyncDb(store);
  let status: SyncRun['status'] = 'ok';
  let error: string | null = null;
  let next: OpenedStream | null = null;
  try {
    const firstLoad = await db.transaction((q) => storeIsEmpty(q, profile.sourceSystem));
    if (db.sqlite && firstLoad) await db.inTurn(() => deferIndexes(db.sqlite!));
    const specs = profile.entities;
    const run: EntityContext['run'] = {};
    next = specs.length ? await openStream(db, source, specs[0], profile.sourceSystem, now, opts) : null;
    for (const [i, spec] of specs.entries()) {
      counts[spec.entity] = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, seconds: 0 };
      const started = Date.now();
      const current = next!;
      const ctx = entityContext({ sourceSystem: profile.sourceSystem, now, spec, mapper, firstLoad, run, windowFrom: current.windowFrom });
      // The next view is read (and, where the HIS sorts it first, sorted) while this one is written.
      next = i + 1 < specs.length ? await openStream(db, source, specs[i + 1], profile.sourceSystem, now, opts) : null;
      await syncEntity(db, current, spec, ctx, runId, counts[spec.entity], opts);
      // Later entities look patients up by ID number: those lookups need the index back.
      if (db.sqlite && BULK_FILLED_BY[spec.entity]) await db.inTurn(() => restoreIndexes(db.sqlite!, BULK_FILLED_BY[spec.entity]));
      counts[spec.entity].seconds = (Date.now() - started) / 1000;
    }
  } catch (err) {
    status = err instanceof SyncCancelled ? 'cancelled' : 'failed';
    error = (err as Error).message;
  } finally {
    await closeStream(next);
    // Also after a failure or cancel: the finder must never be left without its indexes.
    try {
      if (db.sqlite) await db.inTurn(() => restoreIndexes(db.sqlite!));
    } finally {
      await db.close();
    }
  }
  const finishedAt = beijingTimestamp(clock.now());
  await knex('sync_runs')
    .where({ id: runId })
    .update({ status, finished_at: finishedAt, counts: JSON.stringify(counts), error });
  opts.onProgress?.({ runId, entity: '', read: 0, rejected: 0, done: true, status });
  return { id: runId, profile: profile.name, status, startedAt: now, finishedAt, triggeredBy: opts.triggeredBy ?? null, counts, error };
}
