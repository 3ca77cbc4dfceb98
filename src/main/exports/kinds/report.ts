import { z } from 'zod';
import { id } from '../../../shared/contract/common';
import { month, reportSpec } from '../../../shared/contract/reports';
import { dashboardTable } from '../../reports/dashboard';
import { runReport } from '../../reports/run-report';
import { deptScopeOf, narrowScope } from '../../reports/scope';
import { inBatches } from '../table-types';
import { deptNames, parseParams } from './common';
import type { PrepareKind } from './types';

// A report-builder table or the dashboard, computed by the metrics' one definition (reports/),
// then written like any other table. Both are small (one row per group or metric).

const dashboardParams = z.object({ month, deptIds: z.array(id).max(200).optional() }).strict();

/** 2026-11 when the period is exactly that month, else from~to. */
function periodName(from: string, to: string): string {
  const lastDay = new Date(Date.UTC(+from.slice(0, 4), +from.slice(5, 7), 0)).getUTCDate();
  return from.endsWith('-01') && to === `${from.slice(0, 8)}${String(lastDay).padStart(2, '0')}` ? from.slice(0, 7) : `${from}~${to}`;
}

export const prepareReport: PrepareKind = async ({ knex, clock, user }, params) => {
  const spec = parseParams(reportSpec, params);
  const f = spec.filters;
  // Refused now, to the caller, rather than as a failed job.
  const scope = await deptScopeOf(knex, user);
  narrowScope(scope, f.deptIds);
  return {
    title: '随访统计',
    fileStem: `随访统计_${periodName(f.from, f.to)}`,
    filters: {
      rows: spec.rows,
      from: f.from,
      to: f.to,
      科室: await deptNames(knex, f.deptIds),
      planIds: f.planIds,
      encounterKinds: f.encounterKinds,
      nurseIds: f.nurseIds,
    },
    async source() {
      const table = await runReport(knex, spec, scope, clock);
      return { columns: table.columns, definitions: table.definitions, total: table.rows.length, batches: inBatches(table.rows) };
    },
  };
};

export const prepareDashboard: PrepareKind = async ({ knex, clock, user }, params) => {
  const p = parseParams(dashboardParams, params);
  const scope = await deptScopeOf(knex, user);
  narrowScope(scope, p.deptIds);
  return {
    title: '统计看板',
    fileStem: `统计看板_${p.month}`,
    filters: { month: p.month, 科室: await deptNames(knex, p.deptIds) },
    async source() {
      const table = await dashboardTable(knex, p, scope, clock);
      return { columns: table.columns, definitions: table.definitions, total: table.rows.length, batches: inBatches(table.rows) };
    },
  };
};
