export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. '≥ 0.5×' or '≤ 20 ms'. */
  target?: string;
  pass?: boolean;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timeMs<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, out];
}

/** Wall and CPU milliseconds: on a busy 2-core machine CPU time is the steadier of the two. */
export async function timeCpu<T>(fn: () => Promise<T> | T): Promise<{ wallMs: number; cpuMs: number; out: T }> {
  const c = process.cpuUsage();
  const [wallMs, out] = await timeMs(fn);
  const d = process.cpuUsage(c);
  return { wallMs, cpuMs: (d.user + d.system) / 1000, out };
}

export function printRows(rows: BenchRow[]): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const verdict = r.pass === undefined ? '' : r.pass ? '  PASS' : '  FAIL';
    console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(12)} ${r.unit.padEnd(8)} ${r.target ? `target ${r.target}` : ''}${verdict}`);
  }
}

/** Deterministic PRNG so every run asks the same questions. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
