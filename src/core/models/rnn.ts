import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { RnnActivation } from '../config/types';
import type { LaneLayout } from './layout';
import { pick } from './mlp';
import { dense2d, mm2d } from './ops';
import { linearRnnConv } from './rnn-conv';
import { createLaneParams, currentView, disposeParams, uniformFanIn } from './params';
import type { LaneParam, WeightView } from './params';
import { WEIGHT_STREAM } from '../rng';

export interface RnnOptions {
  readonly tau: number;
  readonly hidden: number;
  readonly act: RnnActivation;
  readonly layout: LaneLayout;
  /** Weight seed of each lane. */
  readonly seeds: readonly number[];
}

/**
 * L RNNs of docs/model.md §3, side by side: h(t) = act(W h(t−1) + U x(t) + b), ŷ(t) = c·h(t) + c₀,
 * h(−1) = 0. Causal by construction. Init as PyTorch's nn.RNN: U(±1/√H) everywhere. The linear RNN
 * runs as the causal convolution it equals (./rnn-conv.ts); tanh runs the recurrence step by step.
 */
export class RnnLanes {
  readonly params: LaneParam[];

  constructor(readonly o: RnnOptions) {
    const init = uniformFanIn(o.hidden);
    const H = o.hidden;
    this.params = createLaneParams(
      [
        { name: 'W', id: WEIGHT_STREAM.rnnW, rows: H, cols: H, fills: [init] },
        { name: 'U', id: WEIGHT_STREAM.rnnU, rows: 1, cols: H, fills: [init] },
        { name: 'b', id: WEIGHT_STREAM.rnnB, rows: 1, cols: H, fills: [init] },
        { name: 'c', id: WEIGHT_STREAM.rnnC, rows: H, cols: 1, fills: [init] },
        { name: 'c0', id: WEIGHT_STREAM.rnnC0, rows: 1, cols: 1, fills: [init] },
      ],
      o.seeds,
      o.layout,
    );
  }

  get laneCount(): number {
    return this.o.seeds.length;
  }

  /** x [B, T] → ŷ [L, B, T] with the parameters' current values. */
  forward(x: Tensor2D): Tensor3D {
    return this.forwardWith(currentView(this.params, this.o.layout), x);
  }

  /** ŷ [L, B, T]: the convolution form for the linear activation, else the recurrence. */
  forwardWith(w: WeightView, x: Tensor2D): Tensor3D {
    if (this.o.act !== 'linear') return this.forwardRecurrentWith(w, x);
    if (w.layout === 'batched') {
      const s = w.stacked;
      return linearRnnConv(pick(s, 'W'), pick(s, 'U'), pick(s, 'b'), pick(s, 'c'), pick(s, 'c0'), x); // [L, B, T]
    }
    const lanes = w.lanes.map((lw) => {
      const as3 = (name: string): Tensor3D => {
        const p = pick(lw, name);
        return tf.reshape(p, [1, ...p.shape]) as Tensor3D; // [1, rows, cols]
      };
      return linearRnnConv(as3('W'), as3('U'), as3('b'), as3('c'), as3('c0'), x); // [1, B, T]
    });
    return (lanes.length === 1 ? lanes[0] : tf.concat(lanes, 0)) as Tensor3D; // [L, B, T]
  }

  /** ŷ [L, B, T] by the recurrence, τ steps (any activation; the reference for the convolution form). */
  forwardRecurrentWith(w: WeightView, x: Tensor2D): Tensor3D {
    const [B, T] = x.shape;
    // Inputs per time step, cut from the small [T, B] tensor once (slices of big tensors are costly on wasm).
    const xs = tf.unstack(tf.transpose(x)).map((xt) => tf.reshape(xt, [B, 1])); // T × [B, 1]
    if (w.layout === 'split') return tf.stack(w.lanes.map((lw) => this.lane(lw, xs, B, T))) as Tensor3D;
    return this.batched(w.stacked, xs, B, T);
  }

  dispose(): void {
    disposeParams(this.params);
  }

  private act(z: Tensor): Tensor {
    return this.o.act === 'tanh' ? tf.tanh(z) : z;
  }

  /** One lane with 2-D plain products: ŷ [B, T]. */
  private lane(w: ReadonlyMap<string, Tensor2D>, xs: readonly Tensor[], B: number, T: number): Tensor2D {
    const W = pick(w, 'W'); // [H, H]
    const U = pick(w, 'U'); // [1, H]
    const b = pick(w, 'b'); // [1, H]
    const states: Tensor[] = [];
    let h: Tensor2D | null = null;
    for (const xt of xs) {
      const drive = tf.add(tf.mul(xt, U), b); // U x(t) + b: [B, H]
      const z: Tensor = h === null ? drive : tf.add(drive, mm2d(h, W));
      h = this.act(z) as Tensor2D; // [B, H]
      states.push(h);
    }
    const hs = tf.reshape(tf.stack(states), [T * B, this.o.hidden]) as Tensor2D; // time-major [TB, H]
    const y = dense2d(hs, pick(w, 'c'), pick(w, 'c0'), null, true); // [TB, 1]
    return tf.transpose(tf.reshape(y, [T, B])) as Tensor2D; // [B, T]
  }

  /** Every lane at once over a leading lane axis (GPU layout): ŷ [L, B, T]. */
  private batched(w: ReadonlyMap<string, Tensor3D>, xs: readonly Tensor[], B: number, T: number): Tensor3D {
    const L = this.laneCount;
    const H = this.o.hidden;
    const W = pick(w, 'W'); // [L, H, H]
    const U = pick(w, 'U'); // [L, 1, H]
    const b = pick(w, 'b'); // [L, 1, H]
    const states: Tensor[] = [];
    let h: Tensor3D | null = null;
    for (const xt of xs) {
      const drive = tf.add(tf.mul(tf.reshape(xt, [1, B, 1]), U), b); // [L, B, H]
      const z: Tensor = h === null ? drive : tf.add(drive, tf.matMul(h, W));
      h = this.act(z) as Tensor3D;
      states.push(h);
    }
    const hs = tf.reshape(tf.stack(states, 1), [L, T * B, H]) as Tensor3D; // [L, TB, H]
    const y = tf.add(tf.matMul(hs, pick(w, 'c')), pick(w, 'c0')); // [L, TB, 1]
    return tf.transpose(tf.reshape(y, [L, T, B]), [0, 2, 1]) as Tensor3D; // [L, B, T]
  }
}
