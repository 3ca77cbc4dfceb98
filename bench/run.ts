import path from 'node:path';
import { benchBackbone } from './backbone';
import { benchExports } from './exports';
import { benchQueue, benchTaskGeneration } from './followup';
import { benchDashboard } from './reports';
import { type BenchRow, printRows } from './stats';
import { benchSurvival } from './survival';

// `npm run bench [-- --patients N] [--only backbone,followup,reports,exports,survival,sip]`: each figure is printed next
// to the limit or baseline measured in the same run. The SIP bench needs the SIP test servers
// and a loopback-only network namespace: `npm run bench:sip`.
async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const patients = Number(arg('--patients') ?? 250_000);
  const only = new Set((arg('--only') ?? 'backbone,followup,reports,exports,survival').split(','));
  const dir = path.resolve(process.env.FOLLOWUP_BENCH_DIR ?? 'bench-data');
  const rows: BenchRow[] = [];
  const section = async (name: string, title: string, run: () => Promise<BenchRow[]>) => {
    if (!only.has(name)) return;
    console.log(`\n# ${title}`);
    const out = await run();
    printRows(out);
    rows.push(...out);
  };
  await section('backbone', `backbone: sync and finder (demo HIS of ${patients} patients, data in ${dir})`, () => benchBackbone(dir, patients));
  await section('followup', 'follow-up: task generation and queue', async () => [...(await benchTaskGeneration()), ...(await benchQueue())]);
  await section('reports', "reports: the head's dashboard at 1M tasks", () => benchDashboard());
  await section('exports', 'exports: streamed Excel vs bare exceljs', () => benchExports());
  await section('survival', 'survival: Kaplan–Meier and log-rank, 100k patients × 4 groups', () => benchSurvival());
  if (only.has('sip')) {
    const { benchSip } = await import('./sip');
    await section('sip', 'telephony: click-to-dial and call set-up vs a bare sip.js call', () => benchSip());
  }
  const failed = rows.filter((r) => r.pass === false);
  console.log(failed.length ? `\n${failed.length} target(s) missed: ${failed.map((r) => r.name).join('; ')}` : '\nall targets met');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
