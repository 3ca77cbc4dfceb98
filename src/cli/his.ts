// `followup his init` copies a shipped example profile into the data folder; `followup his check`
// runs every entity's SQL over a small window and says what a sync would make of it.
import path from 'node:path';
import type { Command } from 'commander';
import type { HisCheckReport } from '../shared/his-check';
import { ensureDemoHis } from '../main/bootstrap';
import { loadConfig, templatesDir } from '../main/config';
import { CheckStartError, runProfileCheck } from '../main/his/check-run';
import { initProfile, ProfileInitError } from '../main/his/profiles';
import { openStore } from '../main/store/store';
import { systemClock } from '../main/util/clock';
import { dataDirOf, positiveInt, UsageError, withDataOption } from './common';

function printReport(r: HisCheckReport): void {
  const out = (s: string) => console.log(s);
  out(`HIS 配置检查 (HIS profile check): ${r.profile}  ${r.profileDir}`);
  out(`HIS: ${r.source}   ${r.checkedAt}   最近 ${r.days} 天，每个实体最多 ${r.limit} 行 (last ${r.days} days, at most ${r.limit} rows per entity)`);
  out(
    `参数 (parameters): ${Object.entries(r.params.formats)
      .map(([k, f]) => `:${k}='${r.params[k as 'since']}' [${f}]`)
      .join('  ')}`,
  );
  for (const e of r.entities) {
    out('');
    out(`[${e.entity}] ${e.sqlFile}: ${e.error ? '失败 (failed)' : `${e.rowsRead}${e.truncated ? '+' : ''} 行 (rows)`}${e.problems.length ? '' : ' ✓'}`);
    for (const p of e.problems) out(`  ! ${p}`);
    if (e.returned.length) out(`  列 (columns): ${e.returned.join(', ')}`);
    if (e.missingOptional.length) out(`  未提供的可选列 (optional columns not returned): ${e.missingOptional.join(', ')}`);
    const unused = e.unknown.filter((u) => !u.nearest).map((u) => u.column);
    if (unused.length) out(`  不读取的列 (columns the sync does not read): ${unused.join(', ')}`);
    if (e.rejections.length) out(`  将被拒收 (a sync would reject): ${e.rejections.map((x) => `${x.reason} ×${x.count}`).join('; ')}`);
    if (e.flagged.length) out(`  保留但标记 (kept, flagged for a fix in the HIS): ${e.flagged.map((x) => `${x.reason} ×${x.count}`).join('; ')}`);
    if (e.resolvedByStore) out(`  ${e.resolvedByStore} 行引用窗口外、库中已有的记录 (rows naming records outside the window that the store holds)`);
    for (const s of e.samples) out(`  样例 (sample): ${JSON.stringify(s)}`);
  }
  out('');
  out(r.ok ? '未发现问题 (no problems found)' : `发现问题 (problems found): ${r.entities.reduce((n, e) => n + e.problems.length, 0)}`);
}

export function registerHis(program: Command): void {
  const his = program.command('his').description('HIS mapping profiles: copy an example, check one against the HIS');
  withDataOption(his.command('init').description('copy a shipped example profile into the profiles folder (never overwrites)'))
    .requiredOption('--from <example>', 'shipped example to copy (templates/his/<example>), e.g. demo')
    .requiredOption('--name <name>', 'name of the new profile (letters, digits, - and _)')
    .action((opts: { data?: string; from: string; name: string }) => {
      const dataDir = dataDirOf(opts);
      const config = loadConfig(dataDir);
      try {
        const { dir, files } = initProfile(config.his.profilesDir, templatesDir(), opts.from, opts.name);
        console.log(`已将示例 ${opts.from} 复制到 ${dir}（${files.length} 个文件） (copied example ${opts.from} to ${dir}, ${files.length} files)`);
        console.log(`在 ${path.join(dataDir, 'config.json')} 中设置 (set in config.json): "his": { "profile": "${opts.name}" }`);
      } catch (err) {
        if (err instanceof ProfileInitError) throw new UsageError(err.message);
        throw err;
      }
    });
  withDataOption(his.command('check').description("run every entity's SQL over a small window and report columns, codes, rejections"))
    .option('--days <n>', ':since is this many days before now (default 7)', positiveInt('days'), 7)
    .option('--limit <n>', 'rows read per entity, at most (default 2000)', positiveInt('limit'), 2000)
    .option('--json', 'print the report as JSON')
    .action(async (opts: { data?: string; days: number; limit: number; json?: boolean }) => {
      const config = loadConfig(dataDirOf(opts));
      ensureDemoHis(config, 2000, systemClock, (m) => console.error(m));
      const store = await openStore(config.store);
      try {
        const report = await runProfileCheck(config, store, systemClock, { days: opts.days, limit: opts.limit });
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report);
        if (!report.ok) process.exitCode = 1;
      } catch (err) {
        if (!(err instanceof CheckStartError)) throw err;
        console.error(`followup: ${err.message}`);
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
