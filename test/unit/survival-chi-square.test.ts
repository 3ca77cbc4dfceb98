import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, regularizedGammaQ } from '../../src/main/reports/survival';

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

describe('log-gamma', () => {
  it('is exact enough at integers and half-integers', () => {
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    for (const n of [1, 2, 3, 5, 10, 20]) expect(Math.abs(logGamma(n) - Math.log(factorial(n - 1)))).toBeLessThan(1e-13);
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(1.5) - Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(1e-14);
  });
});

describe('chi-square p-values', () => {
  it('with 2 and 4 df equal their closed forms e^(−x/2) and e^(−x/2)(1 + x/2)', () => {
    for (const x of [0.01, 0.5, 1, 2.5, 3, 5, 10, 40, 100, 700]) {
      expect(relative(chiSquareSurvival(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-12);
      expect(relative(chiSquareSurvival(x, 4), Math.exp(-x / 2) * (1 + x / 2))).toBeLessThan(1e-12);
    }
  });

  it('with 1 df equal erfc(√(x/2)) from Abramowitz & Stegun table 7.1 (erf 1, 2, 3)', () => {
    expect(relative(chiSquareSurvival(2, 1), 1 - 0.842700792949715)).toBeLessThan(1e-12);
    expect(relative(chiSquareSurvival(8, 1), 1 - 0.995322265018953)).toBeLessThan(1e-11);
    expect(relative(chiSquareSurvival(18, 1), 1 - 0.999977909503001)).toBeLessThan(1e-8); // the table's 15 decimals limit this one
  });

  it('cross the upper critical values of the standard table (NIST/SEMATECH 1.3.6.7.4, 3 decimals)', () => {
    const table: [number, number, number, number][] = [
      // df, then the critical values for p = 0.05, 0.01 and 0.001
      [1, 3.841, 6.635, 10.828],
      [2, 5.991, 9.21, 13.816],
      [3, 7.815, 11.345, 16.266],
      [4, 9.488, 13.277, 18.467],
      [5, 11.07, 15.086, 20.515],
      [10, 18.307, 23.209, 29.588],
      [20, 31.41, 37.566, 45.315],
      [30, 43.773, 50.892, 59.703],
      [100, 124.342, 135.807, 149.449],
    ];
    for (const [df, ...criticals] of table) {
      criticals.forEach((x, i) => {
        const p = [0.05, 0.01, 0.001][i];
        expect(chiSquareSurvival(x - 0.0005, df), `df ${df}, x ${x}`).toBeGreaterThan(p);
        expect(chiSquareSurvival(x + 0.0005, df), `df ${df}, x ${x}`).toBeLessThan(p);
      });
    }
  });

  it('keeps relative precision far out in the tail, where 1 − P would round to 0', () => {
    // Q(a + 1, x) = Q(a, x) + xᵃ e^(−x) / Γ(a + 1) holds exactly; check it where Q is tiny.
    for (const [a, x] of [
      [0.5, 50],
      [0.5, 200],
      [1.5, 300],
      [2, 80],
      [10, 150],
    ]) {
      const step = Math.exp(a * Math.log(x) - x - logGamma(a + 1));
      expect(relative(regularizedGammaQ(a + 1, x), regularizedGammaQ(a, x) + step)).toBeLessThan(1e-12);
    }
    expect(chiSquareSurvival(100, 1)).toBeGreaterThan(1e-23);
    expect(chiSquareSurvival(100, 1)).toBeLessThan(2e-23);
  });

  it('is continuous where the series hands over to the continued fraction (x = a + 1)', () => {
    for (const a of [0.5, 1, 1.5, 5, 25, 200]) {
      const below = regularizedGammaQ(a, a + 1 - 1e-9);
      const above = regularizedGammaQ(a, a + 1 + 1e-9);
      expect(Math.abs(below - above)).toBeLessThan(1e-9);
    }
  });

  it('is 1 at 0, 0 at infinity, and decreasing in between', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
    let previous = 1;
    for (let x = 0.1; x < 60; x += 0.1) {
      const p = chiSquareSurvival(x, 7);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
  });

  it('refuses meaningless degrees of freedom', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, Number.NaN)).toThrow(RangeError);
  });
});
