import { describe, expect, it } from 'vitest';
import {
  analyseSurvival,
  kaplanMeier,
  logRankTest,
  medianSurvival,
  numberAtRisk,
  survivalAt,
  tabulateByGroup,
  type ConfidenceTransform,
  type SurvivalRecord,
} from '../../src/main/reports/survival';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole-day times, so ties between deaths and censorings are common. */
function cohort(seed: number, n: number, groups: string[], censoredShare = 0.3): SurvivalRecord[] {
  const random = seeded(seed);
  return Array.from({ length: n }, (_, i) => ({
    group: groups[i % groups.length],
    time: Math.floor(random() * 60),
    event: random() >= censoredShare,
  }));
}

const transforms: ConfidenceTransform[] = ['log-log', 'log', 'plain'];

/** Kaplan–Meier by its definition, one distinct death time at a time, without the library's merge. */
function bruteForceSurvival(records: SurvivalRecord[], t: number): number {
  const deathTimes = [...new Set(records.filter((r) => r.event && r.time <= t).map((r) => r.time))];
  return deathTimes.reduce((s, u) => {
    const atRisk = records.filter((r) => r.time >= u).length;
    const deaths = records.filter((r) => r.event && r.time === u).length;
    return s * (1 - deaths / atRisk);
  }, 1);
}

describe('Kaplan–Meier properties', () => {
  it('without censoring is the empirical survival, with the binomial standard error', () => {
    const records = cohort(1, 200, ['all'], 0);
    const [curve] = kaplanMeier(records);
    for (const row of curve.rows) {
      const surviving = records.filter((r) => r.time > row.time).length / records.length;
      expect(row.survival).toBeCloseTo(surviving, 12);
      if (surviving > 0) expect(row.stdErr).toBeCloseTo(Math.sqrt((surviving * (1 - surviving)) / records.length), 12);
    }
  });

  it('with everyone censored stays at 1 with no uncertainty and no median', () => {
    const records = cohort(2, 50, ['a', 'b'], 1);
    const report = analyseSurvival(records, { timePoints: [10, 30] });
    for (const g of report.groups) {
      for (const row of g.curve.rows) expect([row.survival, row.stdErr, row.lower, row.upper]).toEqual([1, 0, 1, 1]);
      expect(g.median).toEqual({ median: null, lower: null, upper: null });
      expect(g.atTimePoints.map((a) => a.survival)).toEqual([1, 1]);
    }
    expect(report.logRank).toBeNull();
  });

  it('agrees with the definition on random data with ties, for every group', () => {
    for (const seed of [3, 4, 5]) {
      const records = cohort(seed, 300, ['a', 'b', 'c']);
      for (const curve of kaplanMeier(records)) {
        const mine = records.filter((r) => r.group === curve.group);
        expect(curve.patients).toBe(mine.length);
        expect(curve.events).toBe(mine.filter((r) => r.event).length);
        for (const row of curve.rows) {
          expect(row.survival).toBeCloseTo(bruteForceSurvival(mine, row.time), 12);
          expect(row.nRisk).toBe(mine.filter((r) => r.time >= row.time).length);
        }
      }
    }
  });

  it('never rises, and each interval holds its estimate inside [0, 1]', () => {
    for (const transform of transforms) {
      for (const curve of kaplanMeier(cohort(6, 400, ['a', 'b']), transform)) {
        curve.rows.forEach((row, i) => {
          if (i > 0) expect(row.survival).toBeLessThanOrEqual(curve.rows[i - 1].survival);
          if (row.survival === 0) return expect([row.stdErr, row.lower, row.upper]).toEqual([null, null, null]);
          expect(row.lower!).toBeGreaterThanOrEqual(0);
          expect(row.lower!).toBeLessThanOrEqual(row.survival);
          expect(row.upper!).toBeGreaterThanOrEqual(row.survival);
          expect(row.upper!).toBeLessThanOrEqual(1);
        });
      }
    }
  });

  it('does not depend on the order of the records', () => {
    const records = cohort(7, 300, ['a', 'b', 'c']);
    const random = seeded(70);
    const shuffled = records
      .map((r) => [random(), r] as const)
      .sort((x, y) => x[0] - y[0])
      .map(([, r]) => r);
    const byGroup = (r: ReturnType<typeof analyseSurvival>) => [...r.groups].sort((x, y) => x.curve.group.localeCompare(y.curve.group));
    const a = analyseSurvival(records);
    const b = analyseSurvival(shuffled);
    expect(byGroup(b)).toEqual(byGroup(a));
    expect(b.logRank!.chiSquare).toBeCloseTo(a.logRank!.chiSquare, 10);
  });

  it('counts deaths before censorings at a tied time', () => {
    // 4 at risk at day 5: one dies and one is censored there, so S = 3/4, not 2/3.
    const [curve] = kaplanMeier([
      { group: 'g', time: 5, event: true },
      { group: 'g', time: 5, event: false },
      { group: 'g', time: 8, event: true },
      { group: 'g', time: 9, event: false },
    ]);
    expect(curve.rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor, r.survival])).toEqual([
      [5, 4, 1, 1, 0.75],
      [8, 2, 1, 0, 0.375],
      [9, 1, 0, 1, 0.375],
    ]);
  });

  it('refuses negative or missing times', () => {
    expect(() => kaplanMeier([{ group: 'g', time: -1, event: true }])).toThrow(/record 0/);
    expect(() =>
      kaplanMeier([
        { group: 'g', time: 1, event: true },
        { group: 'g', time: Number.NaN, event: false },
      ]),
    ).toThrow(/record 1/);
  });
});

describe('median', () => {
  it('is the middle of a flat exactly at 0.5, as R reports it', () => {
    const [curve] = kaplanMeier([1, 2, 3, 4].map((time) => ({ group: 'g', time, event: true })));
    expect(medianSurvival(curve).median).toBe(2.5);
  });

  it('runs to the last follow-up when the curve ends flat at 0.5', () => {
    const [curve] = kaplanMeier([
      { group: 'g', time: 1, event: true },
      { group: 'g', time: 5, event: false },
    ]);
    expect(medianSurvival(curve).median).toBe(3);
  });

  it('is not reached while more than half survive', () => {
    const [curve] = kaplanMeier(cohort(8, 100, ['g'], 0.9));
    expect(curve.rows.at(-1)!.survival).toBeGreaterThan(0.5);
    expect(medianSurvival(curve).median).toBeNull();
  });

  it('lies inside its own interval', () => {
    for (const transform of transforms) {
      for (const curve of kaplanMeier(cohort(9, 500, ['a', 'b', 'c', 'd'], 0.2), transform)) {
        const { median, lower, upper } = medianSurvival(curve);
        expect(median).not.toBeNull();
        expect(lower!).toBeLessThanOrEqual(median!);
        if (upper !== null) expect(upper).toBeGreaterThanOrEqual(median!);
      }
    }
  });
});

describe('survival at fixed times and the number at risk', () => {
  const records = cohort(10, 300, ['a']);
  const [curve] = kaplanMeier(records);

  it('counts patients with time ≥ t', () => {
    const times = [0, 0.5, 1, 17, 30.5, 59, 60, 100];
    expect(numberAtRisk(curve, times)).toEqual(times.map((t) => records.filter((r) => r.time >= t).length));
  });

  it('reads the step in force at t, 1 before the first death and nothing past the last follow-up', () => {
    const last = curve.rows.at(-1)!;
    const [before, at17, mid, after] = survivalAt(curve, [-1, 17, 30.5, last.time + 1]);
    expect(before).toMatchObject({ survival: 1, stdErr: 0, lower: 1, upper: 1 });
    const row17 = curve.rows.find((r) => r.time === 17)!;
    expect(at17).toMatchObject({ survival: row17.survival, stdErr: row17.stdErr, lower: row17.lower, upper: row17.upper, nRisk: row17.nRisk });
    expect(mid.survival).toBeCloseTo(bruteForceSurvival(records, 30.5), 12);
    expect(after).toMatchObject({ nRisk: 0, survival: null });
  });

  it('keeps 0 after everyone has died', () => {
    const [allDead] = kaplanMeier([
      { group: 'g', time: 3, event: true },
      { group: 'g', time: 4, event: true },
    ]);
    expect(survivalAt(allDead, [10])[0]).toMatchObject({ survival: 0, stdErr: null, lower: null, upper: null });
  });
});

describe('log-rank properties', () => {
  /** The k-sample statistic written out from its textbook definition, for 3 groups. */
  function bruteForceLogRank(records: SurvivalRecord[], groups: string[]) {
    const deathTimes = [...new Set(records.filter((r) => r.event).map((r) => r.time))];
    const o = [0, 0, 0];
    const e = [0, 0, 0];
    const v = [
      [0, 0],
      [0, 0],
    ];
    for (const t of deathTimes) {
      const n = groups.map((g) => records.filter((r) => r.group === g && r.time >= t).length);
      const d = groups.map((g) => records.filter((r) => r.group === g && r.event && r.time === t).length);
      const nAll = n[0] + n[1] + n[2];
      const dAll = d[0] + d[1] + d[2];
      for (let g = 0; g < 3; g++) {
        o[g] += d[g];
        e[g] += (n[g] * dAll) / nAll;
      }
      if (nAll < 2) continue;
      const c = (dAll * (nAll - dAll)) / (nAll - 1) / (nAll * nAll);
      for (let g = 1; g < 3; g++) for (let h = 1; h < 3; h++) v[g - 1][h - 1] += c * (g === h ? n[g] * nAll - n[g] * n[g] : -n[g] * n[h]);
    }
    const u = [o[1] - e[1], o[2] - e[2]];
    const det = v[0][0] * v[1][1] - v[0][1] * v[1][0];
    return (u[0] * (v[1][1] * u[0] - v[0][1] * u[1]) + u[1] * (-v[1][0] * u[0] + v[0][0] * u[1])) / det;
  }

  it('agrees with the textbook k-sample statistic on random data', () => {
    for (const seed of [11, 12, 13]) {
      const groups = ['a', 'b', 'c'];
      const records = cohort(seed, 240, groups).map((r) => (r.group === 'c' && r.event ? { ...r, time: Math.floor(r.time / 2) } : r));
      const result = logRankTest(tabulateByGroup(records))!;
      expect(result.df).toBe(2);
      expect(result.chiSquare).toBeCloseTo(bruteForceLogRank(records, groups), 9);
    }
  });

  it('is zero for identical groups, whatever their number', () => {
    const base = cohort(14, 150, ['x']);
    for (const copies of [2, 3, 5]) {
      const records = Array.from({ length: copies }, (_, k) => base.map((r) => ({ ...r, group: `g${k}` }))).flat();
      const result = logRankTest(tabulateByGroup(records))!;
      expect(result.df).toBe(copies - 1);
      expect(result.chiSquare).toBeLessThan(1e-20);
      expect(result.pValue).toBeCloseTo(1, 12);
      for (const g of result.groups) expect(g.observed).toBeCloseTo(g.expected, 9);
    }
  });

  it('does not depend on the order of the groups, and O − E sums to zero', () => {
    const records = cohort(15, 300, ['a', 'b', 'c', 'd']);
    const forward = logRankTest(tabulateByGroup(records))!;
    const backward = logRankTest(tabulateByGroup([...records].reverse()))!;
    expect(backward.groups.map((g) => g.group)).not.toEqual(forward.groups.map((g) => g.group));
    expect(backward.chiSquare).toBeCloseTo(forward.chiSquare, 9);
    expect(forward.groups.reduce((s, g) => s + g.observed - g.expected, 0)).toBeCloseTo(0, 9);
  });

  it('leaves out a group never at risk at a death, and needs two groups to compare', () => {
    const early = [1, 2, 3, 4].map((time) => ({ group: 'early', time, event: true }));
    const late = [5, 6, 7, 8].map((time) => ({ group: 'late', time, event: true }));
    const gone = [{ group: 'gone', time: 0.5, event: false }];
    const result = logRankTest(tabulateByGroup([...early, ...late, ...gone]))!;
    expect(result.df).toBe(1);
    expect(result.groups.find((g) => g.group === 'gone')).toMatchObject({ observed: 0, expected: 0 });
    expect(logRankTest(tabulateByGroup(early))).toBeNull();
  });
});
