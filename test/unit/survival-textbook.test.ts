import { describe, expect, it } from 'vitest';
import {
  analyseSurvival,
  kaplanMeier,
  logRankTest,
  medianSurvival,
  survivalAt,
  tabulateByGroup,
  type CurveRow,
  type SurvivalRecord,
} from '../../src/main/reports/survival';

// '6+' is censored at 6.
const records = (group: string, times: string): SurvivalRecord[] => times.split(/\s+/).map((t) => ({ group, time: parseFloat(t), event: !t.endsWith('+') }));

/** The estimate, rounded as the source printed it, equals the printed figure. */
function expectPrinted(actual: number | null, printed: string) {
  if (printed === '.' || printed === 'NA' || printed === 'NaN') return expect(actual).toBeNull();
  const decimals = printed.split('.')[1]?.length ?? 0;
  expect(actual?.toFixed(decimals), `${actual} printed as ${printed}`).toBe(printed);
}

/** Source rows: time, at risk, events, [censored,] survival, std. error, lower, upper. */
function expectTable(rows: CurveRow[], table: string, withCensored: boolean) {
  const lines = table
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  expect(rows.map((r) => r.time)).toEqual(lines.map((l) => Number(l[0])));
  lines.forEach((l, i) => {
    const [, nRisk, nEvent, ...rest] = l;
    const [nCensor, survival, stdErr, lower, upper] = withCensored ? rest : [null, ...rest];
    expect(rows[i].nRisk).toBe(Number(nRisk));
    expect(rows[i].nEvent).toBe(Number(nEvent));
    if (nCensor !== null) expect(rows[i].nCensor).toBe(Number(nCensor));
    expectPrinted(rows[i].survival, survival!);
    expectPrinted(rows[i].stdErr, stdErr!);
    expectPrinted(rows[i].lower, lower!);
    expectPrinted(rows[i].upper, upper!);
  });
}

const deathRows = (rows: CurveRow[]) => rows.filter((r) => r.nEvent > 0);

// Freireich et al., Blood 1963;21:699 (Gehan, Biometrika 1965): weeks in remission for 21 children
// on 6-mercaptopurine and 21 on placebo. The same data are the first example of Kleinbaum & Klein,
// "Survival Analysis: A Self-Learning Text" (ch. 2: 6-MP S(t) .8571 … .4482, log-rank 16.79).
// The printed output below is from G. Rodríguez, "Kaplan-Meier and Mantel-Haenszel", Princeton
// survival course, https://grodri.github.io/survival/gehan: Stata `sts list` (log-log limits) and
// R `summary(survfit(...))` (log limits), `sts test` and `survdiff`.
const gehan = [
  ...records('control', '1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23'),
  ...records('treated', '6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+'),
];

describe('Gehan 6-MP leukaemia remission data', () => {
  it('matches Stata sts list, with log(-log S) limits (this library’s default)', () => {
    const [control, treated] = kaplanMeier(gehan);
    expect(control.transform).toBe('log-log');
    expectTable(
      control.rows,
      `
      1  21 2 0 0.9048 0.0641 0.6700 0.9753
      2  19 2 0 0.8095 0.0857 0.5689 0.9239
      3  17 1 0 0.7619 0.0929 0.5194 0.8933
      4  16 2 0 0.6667 0.1029 0.4254 0.8250
      5  14 2 0 0.5714 0.1080 0.3380 0.7492
      8  12 4 0 0.3810 0.1060 0.1831 0.5778
      11  8 2 0 0.2857 0.0986 0.1166 0.4818
      12  6 2 0 0.1905 0.0857 0.0595 0.3774
      15  4 1 0 0.1429 0.0764 0.0357 0.3212
      17  3 1 0 0.0952 0.0641 0.0163 0.2612
      22  2 1 0 0.0476 0.0465 0.0033 0.1970
      23  1 1 0 0.0000 .      .      .`,
      true,
    );
    expectTable(
      treated.rows,
      `
      6  21 3 1 0.8571 0.0764 0.6197 0.9516
      7  17 1 0 0.8067 0.0869 0.5631 0.9228
      9  16 0 1 0.8067 0.0869 0.5631 0.9228
      10 15 1 1 0.7529 0.0963 0.5032 0.8894
      11 13 0 1 0.7529 0.0963 0.5032 0.8894
      13 12 1 0 0.6902 0.1068 0.4316 0.8491
      16 11 1 0 0.6275 0.1141 0.3675 0.8049
      17 10 0 1 0.6275 0.1141 0.3675 0.8049
      19  9 0 1 0.6275 0.1141 0.3675 0.8049
      20  8 0 1 0.6275 0.1141 0.3675 0.8049
      22  7 1 0 0.5378 0.1282 0.2678 0.7468
      23  6 1 0 0.4482 0.1346 0.1881 0.6801
      25  5 0 1 0.4482 0.1346 0.1881 0.6801
      32  4 0 2 0.4482 0.1346 0.1881 0.6801
      34  2 0 1 0.4482 0.1346 0.1881 0.6801
      35  1 0 1 0.4482 0.1346 0.1881 0.6801`,
      true,
    );
  });

  it('matches R summary(survfit(...)), with log limits', () => {
    const [control, treated] = kaplanMeier(gehan, 'log');
    expectTable(
      deathRows(control.rows),
      `
      1     21       2   0.9048  0.0641      0.78754        1.000
      2     19       2   0.8095  0.0857      0.65785        0.996
      3     17       1   0.7619  0.0929      0.59988        0.968
      4     16       2   0.6667  0.1029      0.49268        0.902
      5     14       2   0.5714  0.1080      0.39455        0.828
      8     12       4   0.3810  0.1060      0.22085        0.657
      11      8       2   0.2857  0.0986      0.14529        0.562
      12      6       2   0.1905  0.0857      0.07887        0.460
      15      4       1   0.1429  0.0764      0.05011        0.407
      17      3       1   0.0952  0.0641      0.02549        0.356
      22      2       1   0.0476  0.0465      0.00703        0.322
      23      1       1   0.0000     NaN           NA           NA`,
      false,
    );
    expectTable(
      deathRows(treated.rows),
      `
      6     21       3    0.857  0.0764        0.720        1.000
      7     17       1    0.807  0.0869        0.653        0.996
      10     15       1    0.753  0.0963        0.586        0.968
      13     12       1    0.690  0.1068        0.510        0.935
      16     11       1    0.627  0.1141        0.439        0.896
      22      7       1    0.538  0.1282        0.337        0.858
      23      6       1    0.448  0.1346        0.249        0.807`,
      false,
    );
  });

  it('has the medians and intervals R prints: 6-MP 23 (16, NA), placebo 8 (4, 12)', () => {
    // survfit(Surv(time, cens) ~ group), default conf.type 'log'; printed in many course notes,
    // e.g. "group=6 MP 21 9 23 16 NA / group=Placebo 21 21 8 4 12".
    const [control, treated] = kaplanMeier(gehan, 'log');
    expect(medianSurvival(control)).toEqual({ median: 8, lower: 4, upper: 12 });
    expect(medianSurvival(treated)).toEqual({ median: 23, lower: 16, upper: null });
  });

  it('takes the median interval from where Stata’s log-log band crosses 0.5', () => {
    // Read off the sts list band above: control lower limit first ≤ 0.5 at week 4 (0.4254),
    // upper at week 11 (0.4818); treated lower at week 13 (0.4316), upper never (0.6801).
    const [control, treated] = kaplanMeier(gehan);
    expect(medianSurvival(control)).toEqual({ median: 8, lower: 4, upper: 11 });
    expect(medianSurvival(treated)).toEqual({ median: 23, lower: 13, upper: null });
  });

  it('gives the log-rank test of Stata sts test and R survdiff: 16.79 on 1 df', () => {
    const result = logRankTest(tabulateByGroup(gehan))!;
    expect(result.df).toBe(1);
    expectPrinted(result.chiSquare, '16.79');
    expect(result.pValue.toExponential(0)).toBe('4e-5'); // R: "p= 4e-05"; Stata: Pr>chi2 = 0.0000
    expect(result.groups.map((g) => [g.group, g.patients, g.observed])).toEqual([
      ['control', 21, 21],
      ['treated', 21, 9],
    ]);
    expectPrinted(result.groups[0].expected, '10.75');
    expectPrinted(result.groups[1].expected, '19.25');
  });
});

// Miller, "Survival Analysis" (Wiley 1981): acute myelogenous leukaemia, weeks to relapse with or
// without maintenance chemotherapy; R survival's `aml` data set. Printed output of R's
// summary(survfit(Surv(time, status) ~ x, aml)), print(...) and survdiff(...) as reproduced in
// many R tutorials; T. Therneau (survfit's author) quotes the pooled curve's first row
// "5 23 2 0.9130 0.0588 0.8049 1.000" on s-news, November 2000.
const aml = [...records('Maintained', '9 13 13+ 18 23 28+ 31 34 45+ 48 161+'), ...records('Nonmaintained', '5 5 8 8 12 16+ 23 27 30 33 43 45')];

describe('Miller’s AML maintenance data (R survival::aml)', () => {
  it('matches R summary(survfit(...)) with log limits', () => {
    const [maintained, nonmaintained] = kaplanMeier(aml, 'log');
    expectTable(
      deathRows(maintained.rows),
      `
      9     11       1    0.909  0.0867       0.7541        1.000
      13     10       1    0.818  0.1163       0.6192        1.000
      18      8       1    0.716  0.1397       0.4884        1.000
      23      7       1    0.614  0.1526       0.3769        0.999
      31      5       1    0.491  0.1642       0.2549        0.946
      34      4       1    0.368  0.1627       0.1549        0.875
      48      2       1    0.184  0.1535       0.0359        0.944`,
      false,
    );
    expectTable(
      deathRows(nonmaintained.rows),
      `
      5     12       2   0.8333  0.1076       0.6470        1.000
      8     10       2   0.6667  0.1361       0.4468        0.995
      12      8       1   0.5833  0.1423       0.3616        0.941
      23      6       1   0.4861  0.1481       0.2675        0.883
      27      5       1   0.3889  0.1470       0.1854        0.816
      30      4       1   0.2917  0.1387       0.1148        0.741
      33      3       1   0.1944  0.1219       0.0569        0.664
      43      2       1   0.0972  0.0919       0.0153        0.620
      45      1       1   0.0000     NaN           NA           NA`,
      false,
    );
  });

  it('has the medians R prints: Maintained 31 (18, NA), Nonmaintained 23 (8, NA)', () => {
    const report = analyseSurvival(aml, { transform: 'log' });
    expect(report.groups.map((g) => [g.curve.group, g.curve.patients, g.curve.events, g.median])).toEqual([
      ['Maintained', 11, 7, { median: 31, lower: 18, upper: null }],
      ['Nonmaintained', 12, 11, { median: 23, lower: 8, upper: null }],
    ]);
  });

  it('gives survdiff’s log-rank test: 3.4 on 1 df, p = 0.0653', () => {
    const { logRank } = analyseSurvival(aml);
    expect(logRank!.df).toBe(1);
    expectPrinted(logRank!.chiSquare, '3.4');
    expect(logRank!.pValue.toPrecision(3)).toBe('0.0653');
    expectPrinted(logRank!.groups[0].expected, '10.69');
    expectPrinted(logRank!.groups[1].expected, '7.31');
    expect(logRank!.groups.map((g) => g.observed)).toEqual([7, 11]);
  });

  it('reports the pooled curve at fixed times as R summary(fit, times = c(12, 24, 60)) does', () => {
    const [pooled] = kaplanMeier(
      aml.map((r) => ({ ...r, group: 'all' })),
      'log',
    );
    expectTable(pooled.rows.slice(0, 1), `5     23       2   0.9130  0.0588       0.8049        1.000`, false);
    const at = survivalAt(pooled, [12, 24, 60]);
    const printed = [
      ['12', '18', '0.7391', '0.0916', '0.5798', '0.942'],
      ['24', '11', '0.5466', '0.1073', '0.3721', '0.803'],
      ['60', '1', '0.0828', '0.0727', '0.0148', '0.462'],
    ];
    at.forEach((a, i) => {
      const [time, nRisk, survival, stdErr, lower, upper] = printed[i];
      expect([a.time, a.nRisk]).toEqual([Number(time), Number(nRisk)]);
      expectPrinted(a.survival, survival);
      expectPrinted(a.stdErr, stdErr);
      expectPrinted(a.lower, lower);
      expectPrinted(a.upper, upper);
    });
  });
});

describe('plain limits', () => {
  it('are S ± 1.96 × Greenwood SE, clipped to [0, 1], as R conf.type = "plain"', () => {
    const [, treated] = kaplanMeier(gehan, 'plain');
    const at6 = treated.rows[0];
    expect(at6.lower).toBeCloseTo(at6.survival - 1.959963984540054 * at6.stdErr!, 12);
    expect(at6.upper).toBe(1); // 0.8571 + 1.96 × 0.0764 > 1
    const [control] = kaplanMeier(gehan, 'plain');
    const at15 = control.rows.find((r) => r.time === 15)!;
    expect(at15.lower).toBe(0); // 0.1429 − 1.96 × 0.0764 < 0
  });
});
