/**
 * Mean attention of attention-logit matrices: A[t, s] = softmax_s(S[t, s]) averaged over sequences.
 * A key s that no query attends to (a "dead key") is an empty column of the mean.
 */

/**
 * The mean over `count` τ × τ logit matrices stored back to back in `mats` (// [count, tau, tau]) of
 * each one's row softmax, in float64 (each row max-shifted first). Returns // [tau, tau], rows
 * summing to 1; with count 0, all zeros.
 */
export function meanAttention(mats: ArrayLike<number>, count: number, tau: number): Float64Array {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(tau) || tau < 1) {
    throw new RangeError(`meanAttention: count must be an integer ≥ 0 and tau ≥ 1 (got ${count}, ${tau})`);
  }
  if (mats.length < count * tau * tau) {
    throw new RangeError(`meanAttention: expected ≥ ${count} × ${tau} × ${tau} = ${count * tau * tau} entries, got ${mats.length}`);
  }
  const out = new Float64Array(tau * tau); // [tau, tau]
  const row = new Float64Array(tau); // [tau]
  for (let c = 0; c < count; c++) {
    for (let t = 0; t < tau; t++) {
      const base = (c * tau + t) * tau;
      let max = -Infinity;
      for (let s = 0; s < tau; s++) max = Math.max(max, mats[base + s] ?? 0);
      let sum = 0;
      for (let s = 0; s < tau; s++) {
        const e = Math.exp((mats[base + s] ?? 0) - max);
        row[s] = e;
        sum += e;
      }
      for (let s = 0; s < tau; s++) out[t * tau + s] = (out[t * tau + s] ?? 0) + (row[s] ?? 0) / sum / count;
    }
  }
  return out;
}
