// `followup demo-his`: writes the demo HIS SQLite database used for demos, tests and benchmarks.
import type { Command } from 'commander';
import { parseYmd } from '../main/his/demo/dates';
import { DEFAULT_END_DATE, generateDemoHis, type DemoHisSummary } from '../main/his/demo/generate';
import { MIN_PATIENTS } from '../main/his/demo/planted';

export interface DemoHisCliOptions {
  out: string;
  patients: number;
  seed: number;
  endDate: string;
}

/** A bad flag is a usage error: exit status 2, like most CLI tools. */
export class DemoHisUsageError extends Error {
  readonly exitCode = 2;
}

function integerFlag(name: string, value: unknown, min: number, max: number): number {
  const s = typeof value === 'string' ? value.trim() : '';
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new DemoHisUsageError(
      value === undefined
        ? `demo-his: ${name} is required (an integer from ${min} to ${max})`
        : `demo-his: ${name} must be an integer from ${min} to ${max}, got '${String(value)}'`,
    );
  }
  return n;
}

export function parseDemoHisOptions(raw: Record<string, unknown>): DemoHisCliOptions {
  const out = typeof raw.out === 'string' ? raw.out.trim() : '';
  if (!out) throw new DemoHisUsageError('demo-his: --out <file> is required');
  const endDate = raw.endDate === undefined ? DEFAULT_END_DATE : String(raw.endDate).trim();
  if (parseYmd(endDate) === null || endDate < '2000-01-01' || endDate > '2099-12-31') {
    throw new DemoHisUsageError(`demo-his: --end-date must be a real date YYYY-MM-DD between 2000-01-01 and 2099-12-31, got '${endDate}'`);
  }
  return {
    out,
    patients: integerFlag('--patients', raw.patients, MIN_PATIENTS, 10_000_000),
    seed: integerFlag('--seed', raw.seed, 0, 0xffffffff),
    endDate,
  };
}

export function registerDemoHis(program: Command): void {
  program
    .command('demo-his')
    .description('write a demo HIS database (vendor-style views V_BRXX, V_ZY_CYBR, ...) as a SQLite file')
    .option('--out <file>', 'SQLite file to write (overwritten if it exists)')
    .option('--patients <n>', `number of patients (at least ${MIN_PATIENTS}); about 4 encounters each`)
    .option('--seed <s>', 'PRNG seed; the same seed gives the same database')
    .option('--end-date <YYYY-MM-DD>', `last day of the three years of data (default ${DEFAULT_END_DATE}; the same seed and end date give the same file)`)
    .action((raw: Record<string, unknown>, cmd: Command) => {
      let opts: DemoHisCliOptions;
      try {
        opts = parseDemoHisOptions(raw);
      } catch (err) {
        // Reported through commander so main() treats it like any other usage error (exit status 2).
        if (err instanceof DemoHisUsageError) cmd.error(err.message, { exitCode: err.exitCode, code: 'demo-his.usage' });
        throw err;
      }
      const summary: DemoHisSummary = generateDemoHis({
        ...opts,
        onProgress: ({ table, rows }) => process.stderr.write(`demo-his: ${table} ${rows} rows\n`),
      });
      process.stderr.write(`demo-his: wrote ${opts.out} in ${summary.seconds} s\n`);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
}
