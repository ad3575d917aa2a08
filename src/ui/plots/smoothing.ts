/**
 * Exponential moving average for loss curves, taken in log space (a geometric mean), because the
 * curves are drawn on a log axis and span decades; debiased like TensorBoard's so the start is not
 * pulled towards zero. Non-positive or non-finite values leave a gap and do not enter the average.
 */
export function emaLog(values: readonly number[], weight: number): (number | null)[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  const out: (number | null)[] = new Array<number | null>(values.length);
  let acc = 0;
  let debias = 1;
  for (let i = 0; i < values.length; i++) {
    const y = values[i] ?? NaN;
    if (!(y > 0) || !Number.isFinite(y)) {
      out[i] = null;
      continue;
    }
    acc = w * acc + (1 - w) * Math.log(y);
    debias *= w;
    out[i] = Math.exp(acc / (1 - debias));
  }
  return out;
}
