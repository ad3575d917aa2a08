import type { Tensor, Tensor3D } from '@tensorflow/tfjs-core';
import type { Activation } from '../config/types';
import { laneDense } from './lane-dense';
import type { LaneLayout } from './layout';
import { uniformFanIn } from './params';
import type { LaneParam, ParamSpec } from './params';

/** The weights of one per-token MLP, layer by layer. */
export interface MlpParams {
  readonly layers: ReadonlyArray<{ readonly w: LaneParam; readonly b: LaneParam }>;
}

/**
 * Specs of a `depth`-layer MLP in → mFF → … → out (f̂ or F̂ of eq. 5), with stream ids from `baseId`.
 */
export function mlpSpecs(
  baseId: number,
  inDim: number,
  mFF: number,
  outDim: number,
  depth: number,
): { all: ParamSpec[]; bind: (pick: (name: string) => LaneParam) => MlpParams } {
  const dims = [inDim, ...Array.from({ length: depth - 1 }, () => mFF), outDim];
  const all: ParamSpec[] = [];
  const names: Array<[string, string]> = [];
  for (let i = 0; i < depth; i++) {
    const fanIn = dims[i] as number;
    const out = dims[i + 1] as number;
    const w = `mlp${baseId}.w${i}`;
    const b = `mlp${baseId}.b${i}`;
    all.push({ name: w, id: baseId + 2 * i, rows: fanIn, cols: out, fills: [uniformFanIn(fanIn)] });
    all.push({ name: b, id: baseId + 2 * i + 1, rows: 1, cols: out, fills: [uniformFanIn(fanIn)] });
    names.push([w, b]);
  }
  return { all, bind: (pick) => ({ layers: names.map(([w, b]) => ({ w: pick(w), b: pick(b) })) }) };
}

/** Apply the MLP to h [L | 1, rows, in] → [L, rows, out]; activation between layers, none after the last. */
export function mlpForward(
  p: MlpParams,
  h: Tensor, // [L | 1, rows, in]
  layout: LaneLayout,
  act: Activation,
  inputGrad: boolean,
): Tensor3D {
  let z: Tensor = h;
  p.layers.forEach(({ w, b }, i) => {
    const last = i === p.layers.length - 1;
    z = laneDense(z, w, b, last ? null : act, layout, i > 0 || inputGrad);
  });
  return z as Tensor3D;
}
