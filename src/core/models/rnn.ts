import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { RnnActivation } from '../config/types';
import { laneDense } from './lane-dense';
import type { LaneLayout } from './layout';
import { createLaneParams, disposeParams, uniformFanIn } from './params';
import type { LaneParam } from './params';

export interface RnnOptions {
  readonly tau: number;
  readonly hidden: number;
  readonly act: RnnActivation;
  readonly layout: LaneLayout;
  /** Weight seed of each lane. */
  readonly seeds: readonly number[];
}

/**
 * L RNNs of science.md §3, side by side: h(t) = act(W h(t−1) + U x(t) + b), ŷ(t) = c·h(t) + c₀,
 * h(−1) = 0. Causal by construction. Init as PyTorch's nn.RNN: U(±1/√H) everywhere.
 */
export class RnnLanes {
  readonly params: LaneParam[];
  private readonly W: LaneParam;
  private readonly U: LaneParam;
  private readonly b: LaneParam;
  private readonly c: LaneParam;
  private readonly c0: LaneParam;

  constructor(readonly o: RnnOptions) {
    const H = o.hidden;
    const init = uniformFanIn(H);
    this.params = createLaneParams(
      [
        { name: 'W', id: 100, rows: H, cols: H, fills: [init] },
        { name: 'U', id: 101, rows: 1, cols: H, fills: [init] },
        { name: 'b', id: 102, rows: 1, cols: H, fills: [init] },
        { name: 'c', id: 103, rows: H, cols: 1, fills: [init] },
        { name: 'c0', id: 104, rows: 1, cols: 1, fills: [init] },
      ],
      o.seeds,
    );
    [this.W, this.U, this.b, this.c, this.c0] = this.params as [LaneParam, LaneParam, LaneParam, LaneParam, LaneParam];
  }

  get laneCount(): number {
    return this.o.seeds.length;
  }

  /** x [B, T] → ŷ [L, B, T]. */
  forward(x: Tensor2D): Tensor3D {
    const { tau: T, hidden: H, layout } = this.o;
    const L = this.laneCount;
    const B = x.shape[0];
    const xT = tf.reshape(tf.transpose(x), [1, T * B, 1]); // time-major [1, TB, 1]
    const drive = laneDense(xT, this.U, this.b, null, layout, false); // U x(t) + b: [L, TB, H]
    const states: Tensor[] = [];
    let h: Tensor | null = null;
    for (let t = 0; t < T; t++) {
      const pre = tf.slice(drive, [0, t * B, 0], [L, B, H]); // [L, B, H]
      const z: Tensor = h === null ? pre : tf.add(pre, laneDense(h, this.W, null, null, layout, true));
      const next: Tensor = this.o.act === 'tanh' ? tf.tanh(z) : z; // [L, B, H]
      states.push(next);
      h = next;
    }
    const hs = tf.reshape(tf.stack(states, 1), [L, T * B, H]); // [L, TB, H]
    const y = laneDense(hs, this.c, this.c0, null, layout, true); // [L, TB, 1]
    return tf.transpose(tf.reshape(y, [L, T, B]), [0, 2, 1]) as Tensor3D; // [L, B, T]
  }

  dispose(): void {
    disposeParams(this.params);
  }
}
