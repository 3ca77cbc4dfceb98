import type { Command } from 'commander';
import { findInput } from '../shared/contract';
import { createApp } from '../main/app';
import { loadConfig } from '../main/config';
import { cliContext, dataDirOf, isoDate, positiveInt, withDataOption } from './common';

interface Flags {
  data?: string;
  kind?: string;
  dept?: string[];
  diagnosis?: string;
  admittedFrom?: string;
  admittedTo?: string;
  from?: string;
  to?: string;
  query?: string;
  sort?: string;
  order?: string;
  page?: number;
  pageSize?: number;
  json?: boolean;
}

const collect = (v: string, acc: string[] = []) => [...acc, v];

export function registerPatients(program: Command): void {
  withDataOption(program.command('patients').description("find patients with the finder's filters"))
    .option('--kind <kind>', 'inpatient | outpatient | checkup', 'inpatient')
    .option('--dept <name-or-id>', 'department (repeatable)', collect)
    .option('--diagnosis <text>', 'ICD-10 codes, ranges (C00-C97) or keywords (肺癌)')
    .option('--admitted-from <date>', 'admission date from', isoDate('admitted-from'))
    .option('--admitted-to <date>', 'admission date to', isoDate('admitted-to'))
    .option('--from <date>', 'discharge / visit / checkup date from', isoDate('from'))
    .option('--to <date>', 'discharge / visit / checkup date to', isoDate('to'))
    .option('--query <text>', 'name, pinyin initials, ID number, phone or encounter number')
    .option('--sort <field>', 'eventDate | admitDate | name | dept', 'eventDate')
    .option('--order <order>', 'asc | desc', 'desc')
    .option('--page <n>', 'page number', positiveInt('page'), 1)
    .option('--page-size <n>', 'rows per page (max 200)', positiveInt('page-size'), 50)
    .option('--json', 'JSON output with total and rows')
    .action(async (f: Flags) => {
      const app = await createApp(loadConfig(dataDirOf(f)));
      try {
        let deptIds: number[] | undefined;
        if (f.dept?.length) {
          const depts = await app.store
            .knex('departments as d')
            .leftJoin('department_aliases as a', 'a.department_id', 'd.id')
            .select('d.id', 'd.name', 'a.name as alias');
          deptIds = f.dept.map((want) => {
            const hit = depts.find((d: { id: number; name: string; alias: string | null }) => String(d.id) === want || d.name === want || d.alias === want);
            if (!hit) throw new Error(`unknown department: ${want}`);
            return Number(hit.id);
          });
        }
        const input = findInput.safeParse({
          kind: f.kind,
          deptIds,
          diagnosis: f.diagnosis,
          query: f.query,
          sort: f.sort,
          order: f.order,
          page: f.page,
          pageSize: f.pageSize,
          admitted: f.admittedFrom || f.admittedTo ? { from: f.admittedFrom, to: f.admittedTo } : undefined,
          eventDate: f.from || f.to ? { from: f.from, to: f.to } : undefined,
        });
        if (!input.success) throw new Error(input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
        const out = await app.dispatcher.dispatch(cliContext(), 'patients.find', input.data);
        if (!out.ok) throw new Error(out.error.message + (out.error.issues ? `: ${JSON.stringify(out.error.issues)}` : ''));
        const result = out.result as { total: number; rows: Record<string, unknown>[] };
        if (f.json) console.log(JSON.stringify(result));
        else {
          console.log(`total ${result.total}`);
          for (const r of result.rows) console.log([r.eventDate, r.name, r.deptName, r.encounterNo, r.mainDiagCode, r.mainDiagName].join('\t'));
        }
      } finally {
        await app.close();
      }
    });
}
