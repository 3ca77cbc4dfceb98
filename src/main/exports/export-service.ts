import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { ExportRecord, exportStartInput } from '../../shared/contract/reports';
import type { User } from '../../shared/model';
import type { z } from 'zod';
import { ApiError } from '../api/errors';
import { audit } from '../auth/audit';
import type { JobOutcome, JobRunner } from '../jobs/job-runner';
import { diagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { beijingTimestamp, type Clock } from '../util/clock';
import type { EventBus } from '../util/events';
import { EXPORT_KEEP_DAYS } from '../config';
import { ensureExportsDir, exportsDir, runnerId, safeFileName, storedName, storedPath } from './files';
import { KINDS } from './kinds';
import { createExportRow, exportRow, failInterruptedExports, finishExportRow, listExports } from './repo';
import { writeRowsFile, type RowSource } from './write-table';

// Exports as jobs: checked and described first (role, parameters, department scope: refusals
// come back to the caller), then a history row and an audit entry, then the rows are read and
// written in the background with progress events; the outcome updates the row and is audited.

export interface ExportDeps {
  knex: Knex;
  clock: Clock;
  dataDir: string;
  events: EventBus;
  jobs: JobRunner;
  library: QuestionnaireLibrary;
  log?: (msg: string) => void;
  /** config.json exports.pauseBetweenBatchesMs. */
  pauseBetweenBatchesMs?: number;
  /** config.json exports.keepDays. */
  keepDays?: number;
}

type StartInput = z.output<typeof exportStartInput>;

/** The source with a pause after each batch; a cancel ends the pause at once. */
function paced(source: RowSource, ms: number, signal: AbortSignal): RowSource {
  if (!ms) return source;
  return {
    ...source,
    batches: (async function* () {
      for await (const batch of source.batches) {
        yield batch;
        await delay(ms, undefined, { signal });
      }
    })(),
  };
}
const EXT = { xlsx: 'xlsx', csv: 'csv', fhir: 'json' } as const;
const jobKey = (id: number) => `export:${id}`;

export function exportService(d: ExportDeps) {
  const now = () => beijingTimestamp(d.clock.now());
  const runner = runnerId(d.dataDir);
  const progress = (exportId: number, rows: number, total: number | null, status: ExportRecord['status']) =>
    d.events.emit('export.progress', { exportId, rows, total, status });

  async function start(user: User, input: StartInput): Promise<{ exportId: number; done: Promise<JobOutcome<{ rows: number }>> }> {
    const kind = KINDS[input.kind];
    if (!kind.roles.includes(user.role)) throw new ApiError('forbidden', `无权导出此类数据 (role ${user.role} may not export ${input.kind})`);
    if (!kind.formats.includes(input.format))
      throw new ApiError('invalid_input', `此类导出不支持 ${input.format} 格式 (${input.kind} exports as ${kind.formats.join(', ')})`);
    const prepared = await kind.prepare(
      { knex: d.knex, clock: d.clock, user, format: input.format, library: d.library, synonyms: diagnosisSynonyms(d.dataDir) },
      input.params,
    );
    const fileName = `${safeFileName(prepared.fileStem)}.${EXT[input.format]}`;
    await expire();
    const exportId = await createExportRow(d.knex, {
      user_id: user.id,
      kind: input.kind,
      format: input.format,
      params: JSON.stringify(input.params),
      runner,
      created_at: now(),
      file_name: fileName,
    });
    const about = { exportId, kind: input.kind, format: input.format, title: prepared.title, filters: prepared.filters };
    await audit(d.knex, d.clock, user, 'export.start', null, about);
    let total: number | null = null;
    let rel: string | null = null;
    const { done } = d.jobs.start<{ rows: number }>({
      key: jobKey(exportId),
      run: async ({ signal, progress: report }) => {
        const dir = await ensureExportsDir(d.dataDir);
        rel = storedName(exportId, EXT[input.format]);
        const file = path.join(dir, rel);
        const opts = { signal, onRows: (n: number) => report(n, total) };
        if (prepared.writeOther) return prepared.writeOther(file, opts);
        const source = paced(await prepared.source(signal), d.pauseBetweenBatchesMs ?? 0, signal);
        total = source.total ?? null;
        const meta = { title: prepared.title, filters: prepared.filters, generatedBy: user.displayName, generatedAt: now() };
        return writeRowsFile(source, file, meta, opts);
      },
      onProgress: (rows, t) => progress(exportId, rows, t, 'running'),
      settle: async (outcome) => {
        const rows = outcome.status === 'done' ? outcome.result.rows : 0;
        // The message only: SQL values (patient data) stay out of the log.
        if (outcome.status === 'failed') d.log?.(`export ${exportId} failed: ${outcome.error.name}: ${outcome.error.message}`);
        const error =
          outcome.status === 'failed'
            ? outcome.error instanceof ApiError
              ? outcome.error.message
              : '导出失败，详见服务器日志 (export failed; see the server log)'
            : null;
        await finishExportRow(d.knex, exportId, { status: outcome.status, rows, filePath: outcome.status === 'done' ? rel : null, finishedAt: now(), error });
        await audit(d.knex, d.clock, user, 'export.finish', null, { ...about, status: outcome.status, rows });
        progress(exportId, rows, total, outcome.status);
      },
    });
    return { exportId, done };
  }

  /** The owner or an admin may cancel; false when it is no longer running here. */
  async function cancel(user: User, exportId: number): Promise<boolean> {
    const row = await exportRow(d.knex, exportId);
    if (!row || (row.user_id !== user.id && user.role !== 'admin')) throw new ApiError('not_found', `导出不存在 (export ${exportId} not found)`);
    return d.jobs.cancel(jobKey(exportId));
  }

  const expire = () => expireOldExports(d.knex, d.clock, d.dataDir, d.keepDays ?? EXPORT_KEEP_DAYS);

  return {
    start,
    cancel,
    // Housekeeping when the history is looked at or added to: no timer to forget.
    list: async (user: User) => {
      await expire();
      return listExports(d.knex, user);
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;

/** At start-up: this runner's exports still running were cut off; their temporary files go. */
export async function recoverExports(knex: Knex, clock: Clock, dataDir: string): Promise<number> {
  const dir = exportsDir(dataDir);
  const parts = fs.existsSync(dir) ? (await fs.promises.readdir(dir)).filter((f) => f.endsWith('.part')) : [];
  for (const f of parts) await fs.promises.rm(path.join(dir, f), { force: true });
  return failInterruptedExports(knex, runnerId(dataDir), beijingTimestamp(clock.now()));
}

/** This runner's finished exports older than `keepDays`: their files are deleted and the rows say so. */
export async function expireOldExports(knex: Knex, clock: Clock, dataDir: string, keepDays: number): Promise<number> {
  const before = beijingTimestamp(new Date(clock.now().getTime() - keepDays * 86_400_000));
  const old: { id: number; file_path: string | null }[] = await knex('exports')
    .where({ status: 'done', runner: runnerId(dataDir) })
    .where('finished_at', '<', before)
    .select('id', 'file_path');
  for (const row of old) {
    const file = row.file_path ? storedPath(dataDir, row.file_path) : null;
    if (file) await fs.promises.rm(file, { force: true });
    await knex('exports').where({ id: row.id }).update({ status: 'expired', file_path: null });
  }
  return old.length;
}

/** A finished export's file for its owner or an admin; anyone else is told it does not exist. */
export async function exportFileFor(knex: Knex, dataDir: string, user: User, exportId: number): Promise<{ file: string; fileName: string; bytes: number }> {
  const row = await exportRow(knex, exportId);
  const missing = new ApiError('not_found', `导出文件不存在 (export ${exportId} has no file)`);
  if (!row || (row.user_id !== user.id && user.role !== 'admin') || row.status !== 'done' || !row.file_path) throw missing;
  const file = storedPath(dataDir, row.file_path);
  const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
  if (!file || !stat) throw missing;
  return { file, fileName: row.file_name ?? path.basename(file), bytes: stat.size };
}
