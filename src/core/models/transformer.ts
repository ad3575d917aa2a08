import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D, Tensor4D } from '@tensorflow/tfjs-core';
import type { Activation } from '../config/types';
import type { LaneLayout } from './layout';
import { mlpBatched, mlpSpecs, mlpSplit, pick } from './mlp';
import type { MlpNames } from './mlp';
import { attentionLayer, attentionWithLogits } from './attention';
import { createLaneParams, currentView, disposeParams, headsFanIn, uniformFanIn } from './params';
import type { LaneParam, ParamSpec, WeightView } from './params';
import { positionTable } from './position';
import { WEIGHT_STREAM } from '../rng';

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
  /** Learning-rate multiplier of the learned position embedding (1 = none; ParamSpec.lrScale). */
  readonly peLr?: number;
  /** Width of the fixed features [φ(x), ψ(x), x] when f̂ and F̂ are fixed (§5.4); null = free model. */
  readonly fixedFeatureDim: number | null;
  readonly layout: LaneLayout;
  readonly lanes: readonly TransformerLane[];
  /**
   * Heads M held in W_QKV for every lane (at least the largest m_h). A lane's initial weights depend
   * on M, so a group of a run's lanes passes the whole run's M to train exactly the run's lanes.
   */
  readonly headCapacity?: number;
}

export interface TransformerOutput {
  /** ŷ [L, B, T] */
  readonly yHat: Tensor3D;
  /** Attention logits S before softmax [L, B, T, T], when asked for. */
  readonly logits: Tensor4D | null;
}

const QKV = 'W_QKV';
const PE = 'E';

/**
 * L single-layer, single-head Transformers of paper eq. 5, trained side by side ("lanes"):
 *   h = f̂(x̃),  S = (h W_Q)(h W_K)ᵀ,  ŷ = F̂(softmax(S) h W_V)
 * No residuals, no normalisation, no causal mask. Each lane has its own seed and m_h. W_QKV holds
 * M = max m_h heads for every lane; a lane uses its first m_h (split layout: sliced; batched layout:
 * the rest masked to zero), so every lane is exactly the model of its m_h trained alone.
 */
export class TransformerLanes {
  readonly params: LaneParam[];
  private readonly f: MlpNames | null;
  private readonly g: MlpNames | null;
  private readonly M: number;
  private readonly learnedPE: boolean;
  /** Batched layout: 1/√m_h (or 1) on a lane's heads, 0 beyond: [L, 1, M] */
  private readonly headScale: Tensor3D;
  private readonly sinPE: Tensor2D | null;

  constructor(readonly o: TransformerOptions) {
    const M = Math.max(o.headCapacity ?? 0, ...o.lanes.map((l) => l.mH));
    this.M = M;
    const fixed = o.fixedFeatureDim !== null;
    const hDim = fixed ? (o.fixedFeatureDim as number) : o.n;
    const vCols = fixed ? 0 : o.mV;
    const dIn = 1 + (o.pe === 'onehot' ? o.tau : 0);
    const f = fixed ? null : mlpSpecs(WEIGHT_STREAM.f, dIn, o.mFF, o.n, o.depth);
    const g = fixed ? null : mlpSpecs(WEIGHT_STREAM.g, o.mV, o.mFF, 1, o.depth);
    const specs: ParamSpec[] = [...(f?.specs ?? [])];
    specs.push({
      name: QKV,
      id: WEIGHT_STREAM.qkv,
      rows: hDim,
      cols: 2 * M + vCols,
      fills: [headsFanIn(hDim, 0, M), headsFanIn(hDim, M, M), ...(fixed ? [] : [headsFanIn(hDim, 2 * M, vCols)])],
    });
    this.learnedPE = o.pe === 'learned' && !fixed;
    if (this.learnedPE) specs.push({ name: PE, id: WEIGHT_STREAM.positionEmbedding, rows: o.tau, cols: o.n, fills: [uniformFanIn(o.n)], lrScale: o.peLr ?? 1 });
    specs.push(...(g?.specs ?? []));
    this.params = createLaneParams(
      specs,
      o.lanes.map((l) => l.seed),
      o.layout,
    );
    this.f = f?.names ?? null;
    this.g = g?.names ?? null;
    const scale = new Float32Array(o.lanes.length * M);
    o.lanes.forEach((lane, l) => {
      for (let j = 0; j < lane.mH; j++) scale[l * M + j] = this.logitScale(lane.mH);
    });
    this.headScale = tf.tensor3d(scale, [o.lanes.length, 1, M]);
    this.sinPE = o.pe === 'sin' && !fixed ? tf.tensor2d(positionTable(o.tau, o.n), [o.tau, o.n]) : null;
  }

  get laneCount(): number {
    return this.o.lanes.length;
  }

  /** Forward pass with the parameters' current values. */
  forward(x: Tensor2D, features: Tensor2D | null, withLogits: boolean): TransformerOutput {
    return this.forwardWith(currentView(this.params, this.o.layout), x, features, withLogits);
  }

  /**
   * x [B, T] raw inputs; features [B·T, F] when the feature map is fixed. Returns ŷ [L, B, T].
   */
  forwardWith(w: WeightView, x: Tensor2D, features: Tensor2D | null, withLogits: boolean): TransformerOutput {
    if (w.layout === 'batched') return this.forwardBatched(w.stacked, x, features, withLogits);
    // x̃ once for every lane (with one-hot positions it is a tile and a concat). [BT, d′]
    const input = this.f === null ? null : this.input(x);
    const outs = w.lanes.map((lw, l) => this.forwardLane(lw, l, x, input, features, withLogits));
    return {
      yHat: tf.stack(outs.map((o) => o.yHat)) as Tensor3D,
      logits: withLogits ? (tf.stack(outs.map((o) => o.logits as Tensor3D)) as Tensor4D) : null,
    };
  }

  dispose(): void {
    disposeParams(this.params);
    this.headScale.dispose();
    this.sinPE?.dispose();
  }

  private logitScale(mH: number): number {
    return this.o.scaleLogits ? 1 / Math.sqrt(mH) : 1;
  }

  /** x̃: raw x, with the one-hot position concatenated when asked: [B·T, d′]. */
  private input(x: Tensor2D): Tensor2D {
    const [B, T] = x.shape;
    const xf = tf.reshape(x, [B * T, 1]) as Tensor2D; // [BT, 1]
    if (this.o.pe !== 'onehot') return xf;
    return tf.concat([xf, tf.tile(tf.eye(T), [B, 1]) as Tensor2D], 1); // [BT, 1 + T]
  }

  /** Added position encodings of the token representation h: [T, n] or null. */
  private addedPE(lanePE: Tensor2D | null): Tensor2D | null {
    return lanePE ?? this.sinPE;
  }

  /** One lane, as 2-D plain products (split layout). */
  private forwardLane(
    w: ReadonlyMap<string, Tensor2D>,
    lane: number,
    x: Tensor2D,
    input: Tensor2D | null, // x̃ [BT, d′] (null: fixed features)
    features: Tensor2D | null,
    withLogits: boolean,
  ): { yHat: Tensor2D; logits: Tensor3D | null } {
    const [B, T] = x.shape;
    const mH = (this.o.lanes[lane] as TransformerLane).mH;
    const M = this.M;
    let h: Tensor2D; // [BT, hDim]
    if (this.f === null) {
      if (!features) throw new Error('fixed-feature Transformer needs its features');
      h = features;
    } else {
      h = mlpSplit(this.f, w, input as Tensor2D, this.o.act, false); // [BT, n]
      const pe = this.addedPE(this.learnedPE ? pick(w, PE) : null);
      if (pe) h = tf.reshape(tf.add(tf.reshape(h, [B, T, this.o.n]), pe), [B * T, this.o.n]) as Tensor2D;
    }
    const shape = { B, T, M, mH, scale: this.logitScale(mH) };
    const xv = this.g === null ? (tf.reshape(x, [B * T, 1]) as Tensor2D) : null; // the value x(s) when F̂ is the identity
    const att = withLogits ? attentionWithLogits(h, pick(w, QKV), xv, shape) : { S: null, o: attentionLayer(h, pick(w, QKV), xv, shape) };
    const y = this.g === null ? att.o : mlpSplit(this.g, w, att.o, this.o.act, true); // [BT, 1]
    return { yHat: tf.reshape(y, [B, T]) as Tensor2D, logits: att.S };
  }

  /** Every lane at once over a leading lane axis, heads beyond a lane's m_h masked (GPU layout). */
  private forwardBatched(
    w: ReadonlyMap<string, Tensor3D>,
    x: Tensor2D,
    features: Tensor2D | null,
    withLogits: boolean,
  ): TransformerOutput {
    const [B, T] = x.shape;
    const L = this.laneCount;
    const M = this.M;
    let h: Tensor; // [L | 1, BT, hDim]
    if (this.f === null) {
      if (!features) throw new Error('fixed-feature Transformer needs its features');
      h = tf.reshape(features, [1, B * T, features.shape[1]]);
    } else {
      const input = this.input(x);
      h = mlpBatched(this.f, w, tf.reshape(input, [1, B * T, input.shape[1]]), this.o.act); // [L, BT, n]
      const pe = this.learnedPE ? pick(w, PE) : this.sinPE ? tf.reshape(this.sinPE, [1, T, this.o.n]) : null;
      if (pe) {
        const h4 = tf.reshape(h, [L, B, T, this.o.n]);
        h = tf.reshape(tf.add(h4, tf.reshape(pe, [pe.shape[0] as number, 1, T, this.o.n])), [L, B * T, this.o.n]);
      }
    }
    const W = pick(w, QKV); // [L, hDim, 2M + mV]
    const hL = h.shape[0] === L ? h : tf.tile(h, [L, 1, 1]); // [L, BT, hDim]
    const qkv = tf.matMul(hL as Tensor3D, W); // [L, BT, 2M + mV]
    const width = W.shape[2];
    const q = tf.mul(tf.slice(qkv, [0, 0, 0], [L, B * T, M]), this.headScale); // [L, BT, M]
    const k = tf.slice(qkv, [0, 0, M], [L, B * T, M]); // [L, BT, M]
    const S = tf.matMul(tf.reshape(q, [L * B, T, M]) as Tensor3D, tf.reshape(k, [L * B, T, M]) as Tensor3D, false, true); // [LB, T, T]
    const A = tf.softmax(S); // [LB, T, T]
    let yHat: Tensor;
    if (this.g === null) {
      const v = tf.reshape(tf.tile(tf.reshape(x, [1, B * T]), [L, 1]), [L * B, T, 1]) as Tensor3D; // value = x(s)
      yHat = tf.matMul(A, v); // [LB, T, 1]
    } else {
      const mV = width - 2 * M;
      const v = tf.reshape(tf.slice(qkv, [0, 0, 2 * M], [L, B * T, mV]), [L * B, T, mV]) as Tensor3D;
      const o = tf.reshape(tf.matMul(A, v), [L, B * T, mV]); // [L, BT, mV]
      yHat = mlpBatched(this.g, w, o, this.o.act); // [L, BT, 1]
    }
    return {
      yHat: tf.reshape(yHat, [L, B, T]) as Tensor3D,
      logits: withLogits ? (tf.reshape(S, [L, B, T, T]) as Tensor4D) : null,
    };
  }
}
