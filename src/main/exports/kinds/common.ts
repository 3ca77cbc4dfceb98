import type { Knex } from 'knex';
import type { z } from 'zod';
import type { User } from '../../../shared/model';
import { ApiError } from '../../api/errors';
import { deptScopeOf, narrowScope, type DeptScope } from '../../reports/scope';
import type { ReportRow } from '../table-types';

export const PAGE_ROWS = 1000;

export const GENDER: Record<string, string> = { '0': '未知', '1': '男', '2': '女', '9': '未说明' };

export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.output<T> {
  const r = schema.safeParse(params);
  if (!r.success)
    throw new ApiError(
      'invalid_input',
      '导出参数不正确 (invalid export parameters)',
      r.error.issues.map((i) => ({ path: `params.${i.path.join('.')}`, message: i.message })),
    );
  return r.data;
}

/**
 * The departments an export of patient lists covers: a head's own (or those she named among
 * them), everything for an admin and for a nurse (whose lists are not department-scoped).
 */
export async function listScope(knex: Knex, user: User, requested: readonly number[] | null | undefined): Promise<DeptScope> {
  if (user.role !== 'head') return requested?.length ? { all: false, deptIds: [...new Set(requested)] } : { all: true };
  return narrowScope(await deptScopeOf(knex, user), requested);
}

export async function deptNames(knex: Knex, ids: readonly number[] | null | undefined): Promise<string[] | undefined> {
  if (!ids?.length) return undefined;
  const rows = await knex('departments').whereIn('id', ids).orderBy('id').select('name');
  return rows.map((r: { name: string }) => r.name);
}

/**
 * Pages of a keyset-ordered query (`next`: the last key of a full page, null after a short one).
 * Each page is its own short statement, so an export never holds a connection between pages
 * (SQLite has one).
 */
export async function* keysetPages<K>(page: (after: K | null) => Promise<{ rows: ReportRow[]; next: K | null }>): AsyncIterable<ReportRow[]> {
  let after: K | null = null;
  for (;;) {
    const { rows, next } = await page(after);
    if (rows.length) yield rows;
    if (next === null) return;
    after = next;
  }
}
