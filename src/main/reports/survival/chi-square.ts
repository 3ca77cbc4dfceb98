// Lanczos approximation with γ = 671/128 and 14 terms (Numerical Recipes, 3rd ed., §6.1): about
// 15 significant digits for every z > 0, which the p-value's prefactor e^(−lnΓ(a)) needs.
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956,
  0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275, -0.000026190838401581408,
  0.0000036899182659531625,
];

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (!(z > 0)) throw new RangeError(`logGamma needs z > 0, got ${z}`);
  const shifted = z + 5.2421875;
  let series = 0.9999999999999971;
  for (let j = 0; j < LANCZOS.length; j++) series += LANCZOS[j] / (z + j + 1);
  return (z + 0.5) * Math.log(shifted) - shifted + Math.log((2.5066282746310007 * series) / z);
}

const EPS = 1e-16;
const MAX_ITERATIONS = 10_000;
const TINY = 1e-300;

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function. Below x = a + 1
 * the series for P converges fast and Q = 1 − P loses nothing; above it the continued fraction
 * gives Q directly, so p-values as small as 1e-300 keep their relative precision.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) throw new RangeError(`regularizedGammaQ needs a > 0 and a number x, got a=${a}, x=${x}`);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) return 1 - Math.exp(logPrefix) * lowerSeries(a, x);
  return Math.exp(logPrefix) * upperContinuedFraction(a, x);
}

/** Σ xⁿ / (a(a+1)…(a+n)), so that P(a, x) = e^(−x) xᵃ / Γ(a) × this. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) return sum;
  }
  throw new Error(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}

/** The continued fraction for Γ(a, x) e^x x^(−a), by the modified Lentz method. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
}

/** P(X > x) for X ~ χ² with `df` degrees of freedom: the p-value of a chi-square statistic. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  return regularizedGammaQ(df / 2, x / 2);
}
