import type { Knex } from 'knex';
import type { ExportKind, ExportRecord } from '../../shared/contract/reports';
import type { User } from '../../shared/model';

// The exports table: one row per export, the history the user sees (exports.list).

export type ExportFormat = ExportRecord['format'];
export type ExportStatus = ExportRecord['status'];

export interface ExportRow {
  id: number;
  user_id: number;
  kind: ExportKind;
  format: ExportFormat;
  params: string;
  status: ExportStatus;
  rows: number;
  file_name: string | null;
  file_path: string | null;
  runner: string;
  created_at: string;
  finished_at: string | null;
  error: string | null;
}

export const HISTORY_LIMIT = 50;

export async function createExportRow(
  knex: Knex,
  row: Pick<ExportRow, 'user_id' | 'kind' | 'format' | 'params' | 'runner' | 'created_at' | 'file_name'>,
): Promise<number> {
  const [r] = await knex('exports')
    .insert({ ...row, status: 'running', rows: 0 })
    .returning('id');
  return Number(typeof r === 'object' ? r.id : r);
}

export async function finishExportRow(
  knex: Knex,
  id: number,
  end: { status: Exclude<ExportStatus, 'running'>; rows: number; filePath: string | null; finishedAt: string; error: string | null },
): Promise<void> {
  await knex('exports')
    .where({ id })
    .update({ status: end.status, rows: end.rows, file_path: end.filePath, finished_at: end.finishedAt, error: end.error?.slice(0, 500) ?? null });
}

export async function exportRow(knex: Knex, id: number): Promise<ExportRow | null> {
  const r = await knex('exports').where({ id }).first();
  return r ? { ...r, id: Number(r.id), user_id: Number(r.user_id), rows: Number(r.rows) } : null;
}

/** The caller's last 50 exports; an admin's list holds everyone's. */
export async function listExports(knex: Knex, user: User): Promise<ExportRecord[]> {
  let q = knex('exports as x')
    .join('users as u', 'u.id', 'x.user_id')
    .select('x.id', 'x.kind', 'x.format', 'x.status', 'x.rows', 'x.file_name', 'x.created_at', 'x.finished_at', 'x.error', 'u.display_name')
    .orderBy('x.id', 'desc')
    .limit(HISTORY_LIMIT);
  if (user.role !== 'admin') q = q.where('x.user_id', user.id);
  return (await q).map((r: Record<string, unknown>): ExportRecord => ({
    id: Number(r.id),
    kind: r.kind as ExportKind,
    format: r.format as ExportFormat,
    status: r.status as ExportStatus,
    rows: Number(r.rows),
    fileName: (r.file_name as string) ?? null,
    createdAt: r.created_at as string,
    finishedAt: (r.finished_at as string) ?? null,
    byName: r.display_name as string,
    error: (r.error as string) ?? null,
  }));
}

/** After a restart: this runner's exports still marked running were cut off. */
export async function failInterruptedExports(knex: Knex, runner: string, at: string): Promise<number> {
  return knex('exports')
    .where({ status: 'running', runner })
    .update({ status: 'failed', finished_at: at, error: '服务重启，导出中断 (interrupted by a restart)' });
}
