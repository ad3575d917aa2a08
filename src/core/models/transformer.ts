import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { Activation } from '../config/types';
import type { LaneLayout } from './layout';
import { mlpForward, mlpSpecs } from './mlp';
import type { MlpParams } from './mlp';
import { laneDense } from './lane-dense';
import { createLaneParams, disposeParams, headsFanIn, uniformFanIn } from './params';
import type { LaneParam, ParamSpec } from './params';
import { positionTable } from './position';

/** Position encoding after 'auto' is resolved. */
export type ResolvedPE = 'none' | 'onehot' | 'learned' | 'sin';

export interface TransformerLane {
  readonly mH: number;
  /** Weight seed of this lane. */
  readonly seed: number;
}

export interface TransformerOptions {
  readonly tau: number;
  readonly n: number;
  readonly mV: number;
  readonly mFF: number;
  /** Linear layers per MLP. */
  readonly depth: number;
  readonly act: Activation;
  readonly pe: ResolvedPE;
  readonly scaleLogits: boolean;
  /** Width of the fixed features [φ(x), ψ(x), x] when f̂ and F̂ are fixed (§5); null = free model. */
  readonly fixedFeatureDim: number | null;
  readonly layout: LaneLayout;
  readonly lanes: readonly TransformerLane[];
}

export interface TransformerOutput {
  /** ŷ [L, B, T] */
  readonly yHat: Tensor3D;
  /** Attention logits S before softmax [L, B, T, T], when asked for. */
  readonly logits: tf.Tensor4D | null;
}

/**
 * L single-layer, single-head Transformers of paper eq. 5, trained side by side ("lanes"):
 *   h = f̂(x̃),  S = (h W_Q)(h W_K)ᵀ,  ŷ = F̂(softmax(S) h W_V)
 * No residuals, no normalisation, no causal mask. Lanes have their own seed and m_h; heads beyond a
 * lane's m_h are masked to zero, so every lane is exactly the model of its m_h trained alone.
 */
export class TransformerLanes {
  readonly params: LaneParam[];
  private readonly f: MlpParams | null;
  private readonly g: MlpParams | null;
  private readonly qkv: LaneParam;
  private readonly peParam: LaneParam | null;
  /** 1/√m_h (or 1) on a lane's heads, 0 beyond: [L, 1, M] */
  private readonly headScale: Tensor3D;
  private readonly peFixed: Tensor2D | null;
  private readonly M: number;

  constructor(readonly o: TransformerOptions) {
    const M = Math.max(...o.lanes.map((l) => l.mH));
    this.M = M;
    const fixed = o.fixedFeatureDim !== null;
    const hDim = fixed ? (o.fixedFeatureDim as number) : o.n;
    const vCols = fixed ? 0 : o.mV;
    const dIn = 1 + (o.pe === 'onehot' ? o.tau : 0);
    const specs: ParamSpec[] = [];
    const fSpecs = fixed ? null : mlpSpecs(10, dIn, o.mFF, o.n, o.depth);
    const gSpecs = fixed ? null : mlpSpecs(70, o.mV, o.mFF, 1, o.depth);
    const qkvSpec: ParamSpec = {
      name: 'W_QKV',
      id: 50,
      rows: hDim,
      cols: 2 * M + vCols,
      fills: [headsFanIn(hDim, 0, M), headsFanIn(hDim, M, M), ...(fixed ? [] : [headsFanIn(hDim, 2 * M, vCols)])],
    };
    const peSpec: ParamSpec | null =
      o.pe === 'learned' && !fixed ? { name: 'E', id: 60, rows: o.tau, cols: o.n, fills: [uniformFanIn(o.n)] } : null;
    if (fSpecs) specs.push(...fSpecs.all);
    specs.push(qkvSpec);
    if (peSpec) specs.push(peSpec);
    if (gSpecs) specs.push(...gSpecs.all);
    this.params = createLaneParams(
      specs,
      o.lanes.map((l) => l.seed),
    );
    const byName = new Map(this.params.map((p) => [p.spec.name, p] as const));
    const pick = (name: string): LaneParam => {
      const p = byName.get(name);
      if (!p) throw new Error(`missing parameter ${name}`);
      return p;
    };
    this.f = fSpecs ? fSpecs.bind(pick) : null;
    this.g = gSpecs ? gSpecs.bind(pick) : null;
    this.qkv = pick('W_QKV');
    this.peParam = peSpec ? pick('E') : null;
    const scale = new Float32Array(o.lanes.length * M);
    o.lanes.forEach((lane, l) => {
      for (let j = 0; j < lane.mH; j++) scale[l * M + j] = o.scaleLogits ? 1 / Math.sqrt(lane.mH) : 1;
    });
    this.headScale = tf.tensor3d(scale, [o.lanes.length, 1, M]);
    this.peFixed = o.pe === 'sin' && !fixed ? tf.tensor2d(positionTable(o.tau, o.n), [o.tau, o.n]) : null;
  }

  get laneCount(): number {
    return this.o.lanes.length;
  }

  /**
   * x [B, T] raw inputs; features [B·T, F] when the feature map is fixed. Returns ŷ [L, B, T].
   */
  forward(x: Tensor2D, features: Tensor2D | null, withLogits: boolean): TransformerOutput {
    const { tau: T, layout } = this.o;
    const L = this.laneCount;
    const M = this.M;
    const B = x.shape[0];
    const xf = tf.reshape(x, [B * T, 1]) as Tensor2D; // [BT, 1]
    const qkv = this.projections(xf, features, B); // [L, BT, 2M + mV]
    const width = qkv.shape[2];
    const q = tf.mul(tf.slice(qkv, [0, 0, 0], [L, B * T, M]), this.headScale); // [L, BT, M]
    const k = tf.slice(qkv, [0, 0, M], [L, B * T, M]); // [L, BT, M]
    const q4 = tf.reshape(q, [L * B, T, M]) as Tensor3D;
    const k4 = tf.reshape(k, [L * B, T, M]) as Tensor3D;
    const S = tf.matMul(q4, k4, false, true); // [LB, T, T]
    const A = tf.softmax(S); // [LB, T, T]
    let v: Tensor3D;
    if (this.o.fixedFeatureDim !== null) {
      v = tf.reshape(tf.tile(tf.reshape(x, [1, B * T]), [L, 1]), [L * B, T, 1]); // value = x(s): [LB, T, 1]
    } else {
      v = tf.reshape(tf.slice(qkv, [0, 0, 2 * M], [L, B * T, width - 2 * M]), [L * B, T, width - 2 * M]);
    }
    const attended = tf.matMul(A, v); // [LB, T, mV]
    let yHat: Tensor;
    if (this.g === null) {
      yHat = attended; // F̂ fixed to the identity on the value
    } else {
      const o3 = tf.reshape(attended, [L, B * T, this.o.mV]); // [L, BT, mV]
      yHat = mlpForward(this.g, o3, layout, this.o.act, true); // [L, BT, 1]
    }
    return {
      yHat: tf.reshape(yHat, [L, B, T]) as Tensor3D,
      logits: withLogits ? (tf.reshape(S, [L, B, T, T]) as tf.Tensor4D) : null,
    };
  }

  /** h = f̂(x̃) (+ position), then [q k v] = h W_QKV for every lane: [L, BT, 2M + mV]. */
  private projections(xf: Tensor2D, features: Tensor2D | null, B: number): Tensor3D {
    const { tau: T, layout } = this.o;
    const L = this.laneCount;
    let h: Tensor; // split: [L, BT, hDim] assembled below; batched: [L, BT, hDim]
    if (this.f === null) {
      if (!features) throw new Error('fixed-feature Transformer needs its features');
      h = tf.reshape(features, [1, B * T, features.shape[1]]);
    } else {
      let input: Tensor2D = xf; // [BT, 1]
      if (this.o.pe === 'onehot') {
        const eye = tf.tile(tf.eye(T), [B, 1]) as Tensor2D; // [BT, T]
        input = tf.concat([xf, eye], 1); // [BT, 1 + T]
      }
      h = mlpForward(this.f, tf.reshape(input, [1, B * T, input.shape[1]]), layout, this.o.act, false); // [L, BT, n]
      const pe = this.peParam ? this.peParam.variable : this.peFixed ? tf.reshape(this.peFixed, [1, T, this.o.n]) : null;
      if (pe) {
        const h4 = tf.reshape(h, [L, B, T, this.o.n]);
        h = tf.reshape(tf.add(h4, tf.reshape(pe, [pe.shape[0] as number, 1, T, this.o.n])), [L, B * T, this.o.n]);
      }
    }
    return laneDense(h, this.qkv, null, null, layout, this.f !== null); // [L, BT, 2M + mV]
  }

  dispose(): void {
    disposeParams(this.params);
    this.headScale.dispose();
    this.peFixed?.dispose();
  }
}
