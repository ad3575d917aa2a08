import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { Activation } from '../config/types';
import { activate, dense2d } from './ops';
import { uniformFanIn } from './params';
import type { ParamSpec } from './params';

/** The parameter names of one per-token MLP, layer by layer. */
export interface MlpNames {
  readonly layers: ReadonlyArray<{ readonly w: string; readonly b: string }>;
}

/** Specs of a `depth`-layer MLP in → mFF → … → out (f̂ or F̂ of eq. 5), with stream ids from `baseId`. */
export function mlpSpecs(
  baseId: number,
  inDim: number,
  mFF: number,
  outDim: number,
  depth: number,
): { specs: ParamSpec[]; names: MlpNames } {
  const dims = [inDim, ...Array.from({ length: depth - 1 }, () => mFF), outDim];
  const specs: ParamSpec[] = [];
  const layers: Array<{ w: string; b: string }> = [];
  for (let i = 0; i < depth; i++) {
    const fanIn = dims[i] as number;
    const out = dims[i + 1] as number;
    const w = `mlp${baseId}.w${i}`;
    const b = `mlp${baseId}.b${i}`;
    specs.push({ name: w, id: baseId + 2 * i, rows: fanIn, cols: out, fills: [uniformFanIn(fanIn)] });
    specs.push({ name: b, id: baseId + 2 * i + 1, rows: 1, cols: out, fills: [uniformFanIn(fanIn)] });
    layers.push({ w, b });
  }
  return { specs, names: { layers } };
}

function pick<T>(m: ReadonlyMap<string, T>, name: string): T {
  const t = m.get(name);
  if (t === undefined) throw new Error(`missing parameter ${name}`);
  return t;
}

/** One lane's MLP on 2-D rows: x [rows, in] → [rows, out]; activation between layers, none after the last. */
export function mlpSplit(
  names: MlpNames,
  w: ReadonlyMap<string, Tensor2D>,
  x: Tensor2D, // [rows, in]
  act: Activation,
  inputGrad: boolean,
): Tensor2D {
  let h = x;
  names.layers.forEach((layer, i) => {
    const last = i === names.layers.length - 1;
    h = dense2d(h, pick(w, layer.w), pick(w, layer.b), last ? null : act, i > 0 || inputGrad);
  });
  return h;
}

/** Every lane's MLP at once: x [L | 1, rows, in] → [L, rows, out] (GPU layout). */
export function mlpBatched(
  names: MlpNames,
  w: ReadonlyMap<string, Tensor3D>,
  x: Tensor, // [L | 1, rows, in]
  act: Activation,
): Tensor3D {
  let h: Tensor = x;
  names.layers.forEach((layer, i) => {
    const W = pick(w, layer.w); // [L, in, out]
    const hL = h.shape[0] === W.shape[0] ? h : tf.tile(h, [W.shape[0], 1, 1]); // [L, rows, in]
    const z = tf.add(tf.matMul(hL as Tensor3D, W), pick(w, layer.b)); // [L, rows, out]
    h = i === names.layers.length - 1 ? z : activate(z, act);
  });
  return h as Tensor3D;
}

export { pick };
