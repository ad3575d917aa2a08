import type { Rng } from '../rng';

/** `count` input sequences x(s) ~ U[0, 1] i.i.d. (d = 1): [count, tau]. */
export function sampleInputs(rng: Rng, count: number, tau: number): Float32Array {
  return rng.fillUniform(new Float32Array(count * tau));
}

/** Mean and (population) variance of a sample. */
export function meanVar(y: Float32Array): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] as number;
  const mean = s / y.length;
  let v = 0;
  for (let i = 0; i < y.length; i++) v += ((y[i] as number) - mean) ** 2;
  return { mean, variance: v / y.length };
}
