import type { RejectedRow, SyncRun } from '../../shared/model';
import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { CheckStartError, runProfileCheck } from './check-run';
import { parseJson } from '../util/parse-json';

export const syncHandlers = ({
  store,
  sync,
  config,
  clock,
}: Services): Pick<Handlers, 'sync.start' | 'sync.cancel' | 'sync.runs' | 'sync.rejected' | 'sync.check'> => ({
  'sync.check': async (input) => {
    try {
      return await runProfileCheck(config, store, clock, { days: input?.days ?? 7 });
    } catch (err) {
      if (err instanceof CheckStartError) throw new ApiError('conflict', err.message);
      throw err;
    }
  },
  'sync.start': async (_input, ctx) => {
    if (sync.running) throw new ApiError('conflict', '同步正在进行中 (a sync is already running)');
    const { runId, failedToStart } = await sync.start(ctx.user.username);
    // Recorded as a failed run (the sync screen lists it), and said at once to whoever asked.
    if (failedToStart) throw new ApiError('conflict', failedToStart.message);
    return { runId };
  },
  'sync.cancel': async ({ runId }) => ({ cancelled: sync.cancel(runId) }),
  'sync.runs': async (input) => {
    const rows = await store
      .knex('sync_runs')
      .orderBy('id', 'desc')
      .limit(input?.limit ?? 20);
    return rows.map((r: Record<string, unknown>): SyncRun => ({
      id: Number(r.id),
      profile: r.profile as string,
      status: r.status as SyncRun['status'],
      startedAt: r.started_at as string,
      finishedAt: (r.finished_at as string) ?? null,
      triggeredBy: (r.triggered_by as string) ?? null,
      counts: parseJson(r.counts, {}),
      error: (r.error as string) ?? null,
    }));
  },
  'sync.rejected': async ({ runId, entity, page, pageSize }) => {
    let q = store.knex('rejected_rows');
    if (runId) q = q.where('sync_run_id', runId);
    if (entity) q = q.where('entity', entity);
    const [{ n }] = await q.clone().count({ n: '*' });
    const rows = await q
      .orderBy([
        { column: 'last_seen_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return {
      total: Number(n),
      rows: rows.map((r: Record<string, unknown>): RejectedRow => ({
        id: Number(r.id),
        syncRunId: Number(r.sync_run_id),
        entity: r.entity as string,
        sourceKey: r.source_key as string,
        reason: r.reason as string,
        detail: (r.detail as string) ?? null,
        raw: parseJson(r.raw, {}),
        lastSeenAt: r.last_seen_at as string,
      })),
    };
  },
});
