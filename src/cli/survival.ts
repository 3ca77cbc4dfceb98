import { Option, type Command } from 'commander';
import { survivalInput, type SurvivalExclusion, type SurvivalResult } from '../shared/contract/reports';
import { createApp } from '../main/app';
import { loadConfig } from '../main/config';
import { cliContext, dataDirOf, isoDate, positiveInt, withDataOption } from './common';

interface Flags {
  data?: string;
  anchor: string;
  groupBy: string;
  cutOff: string;
  from?: string;
  to?: string;
  plan?: number[];
  dept?: number[];
  diagnosis?: string;
  json?: boolean;
}

const collectIds =
  (name: string) =>
  (v: string, acc: number[] = []) => [...acc, positiveInt(name)(v)];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const EXCLUDED: Record<SurvivalExclusion, string> = {
  noTreatmentStart: '无治疗开始日期 no treatment start',
  noAnchor: '无起点事件 no anchor event',
  noDiagnosisGroup: '无诊断分组 no diagnosis group',
  deathDateUnknown: '死亡日期不详 death date unknown',
  deathBeforeAnchor: '死亡早于起点 death before anchor',
  anchoredAfterCutOff: '起点晚于截止日 anchor after cut-off',
};
const days = (v: number | null) => (v === null ? '未达到 NR' : String(v));

/** A short plain-text table of the result: one line per group, then the total and the log-rank test. */
export function survivalTable(r: SurvivalResult): string {
  const lines = [['分组 group', '例数 n', '死亡 deaths', '中位生存(天) median days', '1年 1y', '3年 3y', '5年 5y', '随访完整率 completeness'].join('\t')];
  for (const g of r.groups)
    lines.push([g.group, g.patients, g.deaths, days(g.median.median), ...g.atYears.map((a) => percent(a.survival)), percent(g.completeness.share)].join('\t'));
  const deaths = r.groups.reduce((n, g) => n + g.deaths, 0);
  lines.push(`合计 total\t${r.completeness.total}\t${deaths}\t\t\t\t\t${percent(r.completeness.share)}`);
  if (r.logRank) lines.push(`log-rank χ²=${r.logRank.chiSquare.toFixed(3)} df=${r.logRank.df} p=${r.logRank.pValue.toPrecision(3)}`);
  const excluded = (Object.entries(r.excluded) as [SurvivalExclusion, number][]).filter(([, n]) => n > 0).map(([why, n]) => `${EXCLUDED[why]} ${n}`);
  if (excluded.length) lines.push(`未纳入 excluded: ${excluded.join(', ')}`);
  return lines.join('\n');
}

export function registerSurvival(program: Command): void {
  const cmd = withDataOption(program.command('survival').description('生存分析 Kaplan–Meier survival by plan, diagnosis group or department'))
    .addOption(new Option('--anchor <anchor>', 'time zero').choices(['diagnosis', 'firstDischarge', 'treatmentStart']).makeOptionMandatory())
    .addOption(new Option('--group-by <group>', 'curves per').choices(['plan', 'diagnosisGroup', 'department']).makeOptionMandatory())
    .requiredOption('--cut-off <date>', 'vital status as known on this date (YYYY-MM-DD)', isoDate('cut-off'))
    .option('--from <date>', 'anchor date from', isoDate('from'))
    .option('--to <date>', 'anchor date to', isoDate('to'))
    .option('--plan <id>', 'plan id (repeatable)', collectIds('plan'))
    .option('--dept <id>', 'department id (repeatable)', collectIds('dept'))
    .option('--diagnosis <text>', 'ICD-10 codes or ranges, e.g. C34 or C00-C97')
    .option('--json', 'the full result as JSON')
    .action(async (f: Flags) => {
      const input = survivalInput.safeParse({
        anchor: f.anchor,
        groupBy: f.groupBy,
        cutOff: f.cutOff,
        from: f.from,
        to: f.to,
        planIds: f.plan,
        deptIds: f.dept,
        diagnosis: f.diagnosis,
      });
      // Bad flags exit 2 like commander's own errors; a store that fails exits 1.
      if (!input.success) cmd.error(`followup: ${input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`, { exitCode: 2 });
      const app = await createApp(loadConfig(dataDirOf(f)));
      try {
        const out = await app.dispatcher.dispatch(cliContext(), 'reports.survival', input.data);
        if (!out.ok && out.error.code === 'invalid_input') cmd.error(`followup: ${out.error.message}`, { exitCode: 2 });
        if (!out.ok) throw new Error(out.error.message);
        const result = out.result as SurvivalResult;
        console.log(f.json ? JSON.stringify(result) : survivalTable(result));
      } finally {
        await app.close();
      }
    });
}
