import type { Rng } from '../rng';
import type { Plan } from './plan';

/** `count` input sequences x(s) ~ U[0, 1] i.i.d. (d = 1): [count, tau], into `out` when given. */
export function sampleInputs(rng: Rng, count: number, tau: number, out = new Float32Array(count * tau)): Float32Array {
  if (out.length !== count * tau) throw new Error(`sampleInputs: ${out.length} values for ${count} × ${tau}`);
  return rng.fillUniform(out);
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

/**
 * Every lane's training target for one batch, in the given lane order and scaled by the lane's y
 * factor: [lanes, count, tau], into `out` when given. Each target is computed once, however many
 * lanes share it.
 */
export function laneTargets(
  plan: Plan,
  order: readonly number[],
  yScale: Float64Array,
  x: Float32Array, // [count, tau]
  count: number,
  out = new Float32Array(order.length * x.length), // [lanes, count, tau]
): Float32Array {
  const perLane = x.length;
  if (out.length !== order.length * perLane) throw new Error(`laneTargets: ${out.length} values for ${order.length} lanes of ${perLane}`);
  const yTargets = plan.targets.map((t) => t.target.apply(x, count));
  order.forEach((laneIdx, i) => {
    const lane = plan.lanes[laneIdx];
    const y = lane ? yTargets[lane.target] : undefined;
    if (!y) throw new Error('lane without target');
    const s = yScale[laneIdx] ?? 1;
    for (let j = 0; j < perLane; j++) out[i * perLane + j] = (y[j] as number) * s;
  });
  return out;
}
