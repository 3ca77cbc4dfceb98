import { analyseSurvival, type SurvivalRecord } from '../src/main/reports/survival';
import { type BenchRow, percentile, printRows, rng, timeCpu } from './stats';

const TARGET_MS = 500;
const GROUPS = ['肺癌', '胃癌', '结直肠癌', '肝癌'];

/**
 * A registry-like cohort: entry spread over 5 years before the cut-off, a different yearly death
 * hazard per group, 5% lost each year. `wholeDays` gives the usual day resolution (many ties);
 * without it every time is distinct, the worst case for the number of rows.
 */
export function survivalBenchCohort(patients: number, wholeDays = true, seed = 11): SurvivalRecord[] {
  const random = rng(seed);
  const exponentialDays = (perYear: number) => (-Math.log(1 - random()) / perYear) * 365.25;
  return Array.from({ length: patients }, (_, i) => {
    const g = i % GROUPS.length;
    const death = exponentialDays(0.08 + 0.07 * g);
    const censor = Math.min(random() * 5 * 365.25, exponentialDays(0.05));
    const time = Math.min(death, censor);
    return { group: GROUPS[g], time: wholeDays ? Math.floor(time) : time, event: death <= censor };
  });
}

/** Kaplan–Meier, medians, 1/3/5-year survival, risk table and log-rank for 100k patients in 4 groups. */
export async function benchSurvival(patients = 100_000, runs = 9): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const wholeDays of [true, false]) {
    const records = survivalBenchCohort(patients, wholeDays);
    const wall: number[] = [];
    const cpu: number[] = [];
    let steps = 0;
    for (let i = 0; i < runs; i++) {
      const t = await timeCpu(() => analyseSurvival(records));
      wall.push(t.wallMs);
      cpu.push(t.cpuMs);
      steps = t.out.groups.reduce((s, g) => s + g.curve.rows.length, 0);
    }
    const median = percentile(wall, 50);
    const label = wholeDays ? 'whole days' : 'every time distinct';
    rows.push(
      {
        name: `survival: KM + log-rank, ${patients / 1000}k patients × ${GROUPS.length} groups, ${label} (${steps} steps), median of ${runs}`,
        value: +median.toFixed(1),
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: median <= TARGET_MS,
      },
      { name: '  same, CPU time', value: +percentile(cpu, 50).toFixed(1), unit: 'ms' },
      { name: '  ÷ target', value: +(median / TARGET_MS).toFixed(3), unit: '×' },
    );
  }
  return rows;
}

// Standalone: `npx tsc -p tsconfig.node.json && node dist/bench/survival.js [patients]`.
if (require.main === module) {
  benchSurvival(Number(process.argv[2] ?? 100_000)).then(printRows, (err) => {
    console.error(err);
    process.exit(1);
  });
}
