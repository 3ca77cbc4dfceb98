import path from 'node:path';
import { benchBackbone } from './backbone';
import { type BenchRow, printRows } from './stats';

// `npm run bench [-- --patients N]`: builds a demo HIS of N patients (250k ≈ 1M encounters) and
// prints each figure next to the limit measured in the same run.
async function main() {
  const i = process.argv.indexOf('--patients');
  const patients = i > 0 ? Number(process.argv[i + 1]) : 250_000;
  const dir = path.resolve(process.env.FOLLOWUP_BENCH_DIR ?? 'bench-data');
  const rows: BenchRow[] = [];
  console.log(`# backbone (demo HIS of ${patients} patients, data in ${dir})`);
  const backbone = await benchBackbone(dir, patients);
  printRows(backbone);
  rows.push(...backbone);
  const failed = rows.filter((r) => r.pass === false);
  console.log(failed.length ? `\n${failed.length} target(s) missed` : '\nall targets met');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
