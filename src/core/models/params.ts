import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { streamRng } from '../rng';
import type { Rng } from '../rng';

/**
 * Lane-stacked parameters. Each parameter is one variable [L, ...shape] holding every lane's copy, so
 * the optimiser's cost does not grow with the number of lanes. Lane l's values are drawn from
 * streamRng(laneSeed[l], 'weights', tensorId): the same seed gives the same initial weights whatever
 * the other lanes are (a lane reproduces the model trained alone).
 */

/** How to fill one lane's copy of a parameter of shape [rows, cols] from its own stream. */
export type InitFill = (rng: Rng, rows: number, cols: number, out: Float32Array) => void;

/** PyTorch's nn.Linear default: U(−1/√fanIn, 1/√fanIn), filled row-major. */
export const uniformFanIn =
  (fanIn: number): InitFill =>
  (rng, rows, cols, out) => {
    const bound = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < rows * cols; i++) out[i] = rng.uniform(-bound, bound);
  };

/**
 * Column-major U(±1/√fanIn) over a column range, so the first m columns (heads) of a wider matrix
 * equal those of a narrower one: a lane padded to m_h,max starts as the m_h model alone.
 */
export const headsFanIn =
  (fanIn: number, colStart: number, colCount: number): InitFill =>
  (rng, rows, cols, out) => {
    const bound = 1 / Math.sqrt(fanIn);
    for (let j = colStart; j < colStart + colCount; j++) {
      for (let i = 0; i < rows; i++) out[i * cols + j] = rng.uniform(-bound, bound);
    }
  };

export interface ParamSpec {
  readonly name: string;
  /** Stream index: stable per parameter, independent of which other parameters exist. */
  readonly id: number;
  readonly rows: number;
  readonly cols: number;
  /** Several fills from separate sub-streams (id, part) into one matrix. */
  readonly fills: readonly InitFill[];
}

export interface LaneParam {
  readonly spec: ParamSpec;
  /** [L, rows, cols] */
  readonly variable: Variable;
}

/** Create the stacked variable of every spec for lanes with the given weight seeds. */
export function createLaneParams(specs: readonly ParamSpec[], laneSeeds: readonly number[]): LaneParam[] {
  const L = laneSeeds.length;
  return specs.map((spec) => {
    const size = spec.rows * spec.cols;
    const data = new Float32Array(L * size);
    laneSeeds.forEach((seed, l) => {
      const lane = data.subarray(l * size, (l + 1) * size);
      spec.fills.forEach((fill, part) => fill(streamRng(seed, 'weights', spec.id, part), spec.rows, spec.cols, lane));
    });
    // tf.variable does not consume its initial tensor: make it inside tidy (stack-notes.md).
    const variable = tf.tidy(() => tf.variable(tf.tensor3d(data, [L, spec.rows, spec.cols]), true));
    return { spec, variable };
  });
}

/**
 * The weights one forward pass reads. 'split': every lane's own 2-D matrices (lane-by-lane plain
 * products); 'batched': the stacked [L, rows, cols] tensors (one product over the lane axis).
 */
export type WeightView =
  | { readonly layout: 'split'; readonly lanes: ReadonlyArray<ReadonlyMap<string, tf.Tensor2D>> }
  | { readonly layout: 'batched'; readonly stacked: ReadonlyMap<string, tf.Tensor3D> };

/**
 * The leaf tensors a training step differentiates against, a view built from them, and how to turn
 * their gradients back into stacked [L, rows, cols] ones for the optimiser.
 *
 * Split lanes are cut out with `gather` rather than `unstack`: on wasm every slice of a tensor first
 * copies the whole tensor out of the heap, so unstacking L lanes costs L full copies (L² in all).
 */
export interface WeightArgs {
  readonly args: tf.Tensor[];
  view(args: readonly tf.Tensor[]): WeightView;
  stackGrads(grads: readonly tf.Tensor[]): tf.Tensor[];
}

export function weightArgs(params: readonly LaneParam[], layout: 'split' | 'batched'): WeightArgs {
  if (layout === 'batched') {
    return {
      args: params.map((p) => p.variable),
      view: (args) => ({
        layout: 'batched',
        stacked: new Map(params.map((p, i) => [p.spec.name, args[i] as tf.Tensor3D] as const)),
      }),
      stackGrads: (grads) => [...grads],
    };
  }
  const L = params[0]?.variable.shape[0] ?? 0;
  const args: tf.Tensor[] = [];
  for (const p of params) {
    for (let l = 0; l < L; l++) {
      const lane = L === 1 ? p.variable : tf.gather(p.variable, tf.tensor1d([l], 'int32')); // [1, rows, cols]
      args.push(tf.reshape(lane, [p.spec.rows, p.spec.cols])); // [rows, cols]
    }
  }
  return {
    args,
    view: (a) => ({
      layout: 'split',
      lanes: Array.from({ length: L }, (_, l) => new Map(params.map((p, i) => [p.spec.name, a[i * L + l] as tf.Tensor2D] as const))),
    }),
    stackGrads: (grads) => params.map((_, i) => tf.stack(grads.slice(i * L, (i + 1) * L))),
  };
}

/** The view of the parameters' current values (inference, evaluation). */
export function currentView(params: readonly LaneParam[], layout: 'split' | 'batched'): WeightView {
  const w = weightArgs(params, layout);
  return w.view(w.args);
}

/** Throw, naming `what`, unless `values` holds one Float32Array of the right size per variable. */
export function checkSizes(vars: readonly Variable[], values: readonly unknown[], what: string): void {
  if (values.length !== vars.length) throw new Error(`${what}: ${values.length} arrays for ${vars.length} variables`);
  vars.forEach((x, i) => {
    const data = values[i];
    if (!(data instanceof Float32Array) || data.length !== x.size) {
      throw new Error(`${what} ${i}: expected ${x.size} values, got ${data instanceof Float32Array ? data.length : typeof data}`);
    }
  });
}

/** Assign flat values to variables of matching sizes (checkpoints); checks every size first. */
export function assignAll(vars: readonly Variable[], values: readonly Float32Array[], what: string): void {
  checkSizes(vars, values, what);
  tf.tidy(() => vars.forEach((x, i) => x.assign(tf.tensor(values[i] as Float32Array, x.shape))));
}

export function disposeParams(params: readonly LaneParam[]): void {
  for (const p of params) p.variable.dispose();
}

/** Read one lane's copy of a parameter (tests, export). */
export async function laneValues(p: LaneParam, lane: number): Promise<Float32Array> {
  const size = p.spec.rows * p.spec.cols;
  const all = (await p.variable.data()) as Float32Array;
  return all.slice(lane * size, (lane + 1) * size);
}

export type { Tensor };
