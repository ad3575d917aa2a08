import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { LaneLayout } from './layout';
import { streamRng } from '../rng';
import type { Rng } from '../rng';

/**
 * Lane parameters. Lane l's values are drawn from streamRng(laneSeed[l], 'weights', tensorId): the
 * same seed gives the same initial weights whatever the other lanes are (a lane reproduces the model
 * trained alone). How they are held depends on the layout:
 * - 'split': one variable [rows, cols] per lane. A training step differentiates against each lane's
 *   own variable and Adam updates it: nothing is cut out of a stacked tensor or stacked back (on wasm
 *   a cut copies the whole tensor it cuts from; 208 gathers cost a 16-lane sweep ~26 ms a step), and
 *   lanes share no tensor, so a lane that diverges cannot touch another.
 * - 'batched': one stacked variable [L, rows, cols] (one batched product over the lane axis).
 * Checkpoints hold every parameter stacked [L, rows, cols] whatever the layout (./stacked.ts).
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
  /** Multiplier of the learning rate for this parameter (default 1). */
  readonly lrScale?: number;
}

export interface LaneParam {
  readonly spec: ParamSpec;
  readonly layout: LaneLayout;
  /** Number of lanes. */
  readonly lanes: number;
  /** 'split': L variables [rows, cols], lane by lane; 'batched': one variable [L, rows, cols]. */
  readonly variables: readonly Variable[];
}

/** Create every spec's variables, for lanes with the given weight seeds, in the layout's form. */
export function createLaneParams(specs: readonly ParamSpec[], laneSeeds: readonly number[], layout: LaneLayout): LaneParam[] {
  const L = laneSeeds.length;
  return specs.map((spec) => {
    const size = spec.rows * spec.cols;
    const data = new Float32Array(L * size);
    laneSeeds.forEach((seed, l) => {
      const lane = data.subarray(l * size, (l + 1) * size);
      spec.fills.forEach((fill, part) => fill(streamRng(seed, 'weights', spec.id, part), spec.rows, spec.cols, lane));
    });
    // tf.variable does not consume its initial tensor: make it inside tidy (docs/tfjs-notes.md §1). A lane
    // gets a copy of its values (the cpu backend would keep a view on the whole buffer).
    const variables =
      layout === 'batched'
        ? [tf.tidy(() => tf.variable(tf.tensor3d(data, [L, spec.rows, spec.cols]), true))]
        : laneSeeds.map((_, l) =>
            tf.tidy(() => tf.variable(tf.tensor2d(data.slice(l * size, (l + 1) * size), [spec.rows, spec.cols]), true)),
          );
    return { spec, layout, lanes: L, variables };
  });
}

/** Every variable of `params`, parameter by parameter (and lane by lane within one): Adam's order. */
export function paramVariables(params: readonly LaneParam[]): Variable[] {
  return params.flatMap((p) => p.variables);
}

/** The learning-rate multiplier of every variable, in paramVariables order. */
export function paramLrScales(params: readonly LaneParam[]): number[] {
  return params.flatMap((p) => p.variables.map(() => p.spec.lrScale ?? 1));
}

/**
 * The weights one forward pass reads. 'split': every lane's own 2-D matrices (lane-by-lane plain
 * products); 'batched': the stacked [L, rows, cols] tensors (one product over the lane axis).
 */
export type WeightView =
  | { readonly layout: 'split'; readonly lanes: ReadonlyArray<ReadonlyMap<string, tf.Tensor2D>> }
  | { readonly layout: 'batched'; readonly stacked: ReadonlyMap<string, tf.Tensor3D> };

/**
 * The leaf tensors a training step differentiates against (the variables themselves, in
 * paramVariables order, so their gradients go to Adam as they come), a view built from them, and
 * how to stack their gradients per parameter [L, rows, cols] (layout-independent; tests and the
 * backend self-test compare those).
 */
export interface WeightArgs {
  readonly args: Variable[];
  view(args: readonly tf.Tensor[]): WeightView;
  stackGrads(grads: readonly tf.Tensor[]): tf.Tensor[];
}

export function weightArgs(params: readonly LaneParam[], layout: LaneLayout): WeightArgs {
  const args = paramVariables(params);
  if (params.some((p) => p.layout !== layout)) throw new Error(`weightArgs: parameters are not in the ${layout} layout`);
  if (layout === 'batched') {
    return {
      args,
      view: (a) => ({
        layout: 'batched',
        stacked: new Map(params.map((p, i) => [p.spec.name, a[i] as tf.Tensor3D] as const)),
      }),
      stackGrads: (grads) => [...grads],
    };
  }
  const L = params[0]?.lanes ?? 0;
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
export function currentView(params: readonly LaneParam[], layout: LaneLayout): WeightView {
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
  for (const v of paramVariables(params)) v.dispose();
}

/** Read one lane's copy of a parameter (tests, export). */
export async function laneValues(p: LaneParam, lane: number): Promise<Float32Array> {
  if (lane < 0 || lane >= p.lanes) throw new Error(`laneValues: no lane ${lane} in ${p.lanes}`);
  if (p.layout === 'split') return Float32Array.from(await (p.variables[lane] as Variable).data());
  const size = p.spec.rows * p.spec.cols;
  const all = (await (p.variables[0] as Variable).data()) as Float32Array;
  return all.slice(lane * size, (lane + 1) * size);
}

export type { Tensor };
