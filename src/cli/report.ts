import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../main/config';
import { writeReportFile } from '../main/exports/write-table';
import { dashboardTable } from '../main/reports/dashboard';
import { METRICS } from '../main/reports/metrics/definitions';
import { addMonths, lastDayOf } from '../main/reports/months';
import { runReport } from '../main/reports/run-report';
import { reportSpec, type ReportTable } from '../shared/contract/reports';
import { openStore } from '../main/store/store';
import { beijingDate, beijingTimestamp, systemClock } from '../main/util/clock';
import { dataDirOf, isoDate, positiveInt, withDataOption } from './common';

// Scheduled monthly reports: the CLI is the admin's tool, so it reads every department unless
// --dept narrows it. Without a period it reports the last full month.

interface RunOpts {
  data?: string;
  from?: string;
  to?: string;
  month?: string;
  dept?: number[];
  out?: string;
  json?: boolean;
}

const monthArg = (value: string): string => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError(`--month must be YYYY-MM, got "${value}"`);
  return value;
};
const collectInt =
  (name: string) =>
  (value: string, prev: number[] = []) => [...prev, positiveInt(name)(value)];

function periodOf(opts: RunOpts): { from: string; to: string; month: string } {
  const month = opts.month ?? opts.from?.slice(0, 7) ?? addMonths(beijingDate(systemClock.now()).slice(0, 7), -1);
  return { from: opts.from ?? `${month}-01`, to: opts.to ?? lastDayOf(month), month };
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('统计报表 statistics: metric definitions, saved reports, scheduled exports');

  withDataOption(report.command('list').description('list the metrics and the saved reports'))
    .option('--json', 'print JSON')
    .action(async (opts: { data?: string; json?: boolean }) => {
      const store = await openStore(loadConfig(dataDirOf(opts)).store);
      try {
        const saved = await store.knex('saved_reports').orderBy('id').select('id', 'name', 'dept_id', 'owner_id', 'updated_at');
        const metrics = METRICS.map((m) => ({ code: m.code, name: m.name.zh, nameEn: m.name.en, unit: m.unit }));
        const reports = saved.map((r) => ({
          id: Number(r.id),
          name: r.name,
          deptId: r.dept_id == null ? null : Number(r.dept_id),
          ownerId: Number(r.owner_id),
          updatedAt: r.updated_at,
        }));
        if (opts.json) return console.log(JSON.stringify({ metrics, savedReports: reports }, null, 2));
        console.log('指标 metrics:');
        for (const m of metrics) console.log(`  ${m.code.padEnd(26)} ${m.name} (${m.nameEn}, ${m.unit})`);
        console.log('已保存报表 saved reports (run with: followup report run <id>):');
        for (const r of reports) console.log(`  ${String(r.id).padStart(4)}  ${r.name}${r.deptId ? `  [dept ${r.deptId}]` : ''}`);
        if (!reports.length) console.log('  (none)');
      } finally {
        await store.close();
      }
    });

  withDataOption(report.command('run').description("run a saved report (by id) or 'dashboard' and write it to --out (.xlsx or .csv) or print it"))
    .argument('<report>', "saved report id, or 'dashboard'")
    .option('--from <date>', 'period start YYYY-MM-DD (default: first day of last month)', isoDate('from'))
    .option('--to <date>', 'period end YYYY-MM-DD (default: end of the --from month)', isoDate('to'))
    .option('--month <YYYY-MM>', 'the month (dashboard; or the period of a saved report)', monthArg)
    .option('--dept <id>', 'department id (repeatable); default every department', collectInt('dept'))
    .option('--out <file>', 'write file.xlsx or file.csv')
    .option('--json', 'print the table as JSON')
    .action(async (which: string, opts: RunOpts) => {
      const store = await openStore(loadConfig(dataDirOf(opts)).store);
      try {
        const period = periodOf(opts);
        let table: ReportTable;
        let title: string;
        let filters: Record<string, unknown>;
        if (which === 'dashboard') {
          table = await dashboardTable(store.knex, { month: period.month, deptIds: opts.dept }, { all: true }, systemClock);
          title = `统计看板 ${period.month}`;
          filters = { month: period.month, deptIds: opts.dept ?? null };
        } else {
          const id = positiveInt('report')(which);
          const row = await store.knex('saved_reports').where({ id }).first('name', 'spec');
          if (!row) throw new Error(`saved report ${id} not found (see: followup report list)`);
          const saved = JSON.parse(String(row.spec)) as { filters: Record<string, unknown> };
          const spec = reportSpec.parse({
            ...saved,
            filters: { ...saved.filters, from: period.from, to: period.to, ...(opts.dept ? { deptIds: opts.dept } : {}) },
          });
          table = await runReport(store.knex, spec, { all: true }, systemClock);
          title = String(row.name);
          filters = spec.filters;
        }
        if (opts.out) {
          const { rows } = await writeReportFile(table, opts.out, {
            title,
            filters,
            generatedBy: 'followup report (CLI)',
            generatedAt: beijingTimestamp(systemClock.now()),
          });
          console.log(`${opts.out}: ${rows} rows`);
        }
        if (opts.json || !opts.out) console.log(JSON.stringify(table, null, opts.json ? 2 : 0));
      } finally {
        await store.close();
      }
    });
}
