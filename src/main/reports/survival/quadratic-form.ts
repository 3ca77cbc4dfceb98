/**
 * uᵀ V⁻ u for a symmetric positive semi-definite V, with the rank of V. Cholesky (LDLᵀ) with
 * pivots below 1e-9 of the largest diagonal treated as zero, as R survival's cholesky2 does:
 * the result is a generalized inverse, and uᵀ V⁻ u does not depend on which one when u lies in
 * V's column space, as the log-rank score does.
 */
export function quadraticFormGeneralizedInverse(v: readonly (readonly number[])[], u: readonly number[]): { value: number; rank: number } {
  const n = u.length;
  const l = v.map((row) => [...row]);
  const pivots = new Float64Array(n);
  const largest = Math.max(0, ...v.map((row, i) => row[i]));
  const tolerance = 1e-9 * largest;
  for (let i = 0; i < n; i++) {
    let pivot = l[i][i];
    for (let k = 0; k < i; k++) pivot -= l[i][k] * l[i][k] * pivots[k];
    if (pivot <= tolerance) continue;
    pivots[i] = pivot;
    for (let j = i + 1; j < n; j++) {
      let s = l[j][i];
      for (let k = 0; k < i; k++) s -= l[j][k] * l[i][k] * pivots[k];
      l[j][i] = s / pivot;
    }
  }
  let value = 0;
  let rank = 0;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (pivots[i] === 0) continue;
    let s = u[i];
    for (let k = 0; k < i; k++) if (pivots[k] !== 0) s -= l[i][k] * y[k];
    y[i] = s;
    value += (s * s) / pivots[i];
    rank++;
  }
  return { value, rank };
}
