import * as tf from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { drop, hold, isRecording, isSave, recorded } from './held';
import { transpose2d } from './ops';
import { attentionGrads, attentionLogits, batchMatMul, simdAvailable } from './simd/kernels';

/**
 * One lane's attention layer of eq. 5 on token rows, as one custom op:
 *   q = h W_Q, k = h W_K, v = h W_V (or v = x itself when F̂ is the identity),
 *   S = s·q kᵀ per sequence, o = softmax(S) v,
 * for h [B·T, hDim], W [hDim, 2M + m_v] holding M heads of which the lane uses its first m_h.
 *
 * One op because tfjs's tape clones every tensor its gradients read (each slice and reshape saves
 * its input, each product both operands, softmax its output), and on wasm a clone is a copy, and
 * because the three products share h: its transpose is made once here, not once per product, and
 * W's gradient is assembled by one concatenation instead of a pad and an add per slice. The backward
 * pass runs the kernels tfjs's own gradients of these ops run (BatchMatMul_grad, Softmax_grad,
 * Multiply_grad at tfjs 4.22; ./ops.ts's plain-product gradient for the three projections) and adds
 * h's three gradients in the tape's order (v, k, q), so every value is bit-identical to the same
 * products, softmax and slices taken op by op under tfjs's tape (a gradient entry that is −0 here
 * may be +0 there: equal values).
 */

export interface AttentionShape {
  readonly B: number;
  readonly T: number;
  /** Heads W holds (M) and heads this lane uses (m_h ≤ M). */
  readonly M: number;
  readonly mH: number;
  /** Logit scale s (1 = none). */
  readonly scale: number;
}

interface Forward {
  /** W's column blocks this lane reads: W_Q, W_K [hDim, m_h] and W_V [hDim, m_v] (null: v = x). */
  readonly wq: Tensor2D;
  readonly wk: Tensor2D;
  readonly wv: Tensor2D | null;
  /** s·q and k [B, T, m_h], v [B, T, m_v]. */
  readonly q3: Tensor3D;
  readonly k3: Tensor3D;
  readonly v3: Tensor3D;
  /** S and softmax(S) [B, T, T]. */
  readonly S: Tensor3D;
  readonly A: Tensor3D;
  /** o [B·T, m_v] */
  readonly o: Tensor2D;
}

function forward(h: Tensor2D, W: Tensor2D, x: Tensor2D | null, { B, T, M, mH, scale }: AttentionShape): Forward {
  const hDim = h.shape[1];
  const wq = tf.slice(W, [0, 0], [hDim, mH]); // [hDim, mH]
  const wk = tf.slice(W, [0, M], [hDim, mH]); // [hDim, mH]
  const wv = x === null ? tf.slice(W, [0, 2 * M], [hDim, W.shape[1] - 2 * M]) : null; // [hDim, mV]; none when v = x
  const q = tf.matMul(h, wq); // [BT, mH]
  const k = tf.matMul(h, wk); // [BT, mH]
  const v = wv === null ? (x as Tensor2D) : (tf.matMul(h, wv) as Tensor2D); // [BT, mV]
  const mV = v.shape[1];
  const q3 = tf.reshape(scale === 1 ? q : tf.mul(q, scale), [B, T, mH]) as Tensor3D; // [B, T, mH]
  const k3 = tf.reshape(k, [B, T, mH]) as Tensor3D; // [B, T, mH]
  const S = batchMatMul(q3, k3, false, true); // [B, T, T]
  const A = tf.softmax(S) as Tensor3D; // [B, T, T]
  const v3 = tf.reshape(v, [B, T, mV]) as Tensor3D; // [B, T, mV]
  const o = tf.reshape(batchMatMul(A, v3), [B * T, mV]) as Tensor2D; // [BT, mV]
  return { wq, wk, wv, q3, k3, v3, S, A, o };
}

/** The backward pass: gradients of (h, W) — and of x when it is the value — from dO [B·T, m_v]. */
function backward(dy: Tensor, h: Tensor2D, f: Omit<Forward, 'S' | 'o'>, { B, T, M, mH, scale }: AttentionShape): Tensor[] {
  const { q3, k3, v3, A, wq, wk, wv } = f;
  const rows = B * T;
  const mV = v3.shape[2];
  const dO = tf.reshape(dy, [B, T, mV]) as Tensor3D; // [B, T, mV]
  // o = A·V (plain): dA = dO·Vᵀ, dV = Aᵀ·dO
  const dA = batchMatMul(dO, v3, false, true); // [B, T, T]
  const dV = tf.reshape(batchMatMul(A, dO, true, false), [rows, mV]) as Tensor2D; // [BT, mV]
  // A = softmax(S): dS = dA⊙A − Σ_last(dA⊙A)·A
  const dAA = tf.mul(dA, A); // [B, T, T]
  const dS = tf.sub(dAA, tf.mul(tf.sum(dAA, [-1], true), A)); // [B, T, T]
  // S = (s·Q)·Kᵀ: d(s·Q) = dS·K, dK = dSᵀ·(s·Q)
  const dQs = batchMatMul(dS as Tensor3D, k3, false, false); // [B, T, mH]
  const dK = tf.reshape(batchMatMul(dS as Tensor3D, q3, true, false), [rows, mH]) as Tensor2D; // [BT, mH]
  const dQ = tf.reshape(scale === 1 ? dQs : tf.mul(dQs, scale), [rows, mH]) as Tensor2D; // [BT, mH]
  // The projections, as ./ops.ts's mm2d: d(h·w) → (dy·wᵀ, hᵀ·dy), hᵀ made once.
  const hT = transpose2d(h); // [hDim, BT]
  const hDim = h.shape[1];
  const gap = M > mH ? [tf.zeros([hDim, M - mH])] : []; // heads this lane does not use: exactly 0
  const dWk = tf.matMul(hT, dK); // [hDim, mH]
  const dWq = tf.matMul(hT, dQ); // [hDim, mH]
  const dhK = tf.matMul(dK, transpose2d(wk)); // [BT, hDim]
  const dhQ = tf.matMul(dQ, transpose2d(wq)); // [BT, hDim]
  if (wv === null) {
    const dW = tf.concat([dWq, ...gap, dWk, ...gap], 1); // [hDim, 2M]
    return [tf.add(dhK, dhQ), dW, dV];
  }
  const dWv = tf.matMul(hT, dV); // [hDim, mV]
  const dhV = tf.matMul(dV, transpose2d(wv)); // [BT, hDim]
  const dW = tf.concat([dWq, ...gap, dWk, ...gap, dWv], 1); // [hDim, 2M + mV]
  return [tf.add(tf.add(dhV, dhK), dhQ), dW];
}

/** forwardOwn's tensors; its backward reads W itself instead of its column blocks. */
interface OwnForward {
  readonly q3: Tensor3D;
  readonly k3: Tensor3D;
  readonly v3: Tensor3D;
  readonly S: Tensor3D;
  readonly A: Tensor3D;
  readonly o: Tensor2D;
}

/** forward() in three kernels on wasm with SIMD (./simd/kernels.ts): the same values. */
function forwardOwn(h: Tensor2D, W: Tensor2D, x: Tensor2D | null, shape: AttentionShape): OwnForward {
  const { B, T } = shape;
  const outs = attentionLogits(h, W, shape); // [s·q, k, (v,) S]
  const [q3, k3] = outs as [Tensor3D, Tensor3D];
  const S = outs[outs.length - 1] as Tensor3D; // [B, T, T]
  const v3 = x === null ? (outs[2] as Tensor3D) : (tf.reshape(x, [B, T, x.shape[1]]) as Tensor3D); // [B, T, mV]
  const A = tf.softmax(S) as Tensor3D; // [B, T, T]
  const o = tf.reshape(batchMatMul(A, v3), [B * T, v3.shape[2]]) as Tensor2D; // [BT, mV]
  return { q3, k3, v3, S, A, o };
}

const layerOp = (shape: AttentionShape): ((h: Tensor2D, W: Tensor2D, x: Tensor2D | null) => Tensor2D) => {
  const op = tf.customGrad((...inputs: Array<Tensor | GradSaveFunc>) => {
    const tensors = inputs.filter((t): t is Tensor => !isSave(t));
    const [h, W, x] = tensors;
    if (!h || !W || (x === undefined) !== ((W.shape[1] ?? 0) > 2 * shape.M)) throw new Error('attention: expected (h, W) with W_V, or (h, W, x) without');
    if (simdAvailable()) {
      const f = forwardOwn(h as Tensor2D, W as Tensor2D, (x ?? null) as Tensor2D | null, shape);
      const kept = isRecording() ? { h: hold(h as Tensor2D), W: hold(W as Tensor2D), q3: hold(f.q3), k3: hold(f.k3), v3: hold(f.v3), A: hold(f.A) } : null;
      return {
        value: f.o,
        gradFunc: (dy: Tensor) => {
          if (!kept) throw new Error('attention: gradient of an unrecorded op');
          const grads = attentionGrads(dy, kept.h, kept.W, kept.q3, kept.k3, kept.v3, kept.A, shape);
          drop(Object.values(kept));
          return grads;
        },
      };
    }
    const f = forward(h as Tensor2D, W as Tensor2D, (x ?? null) as Tensor2D | null, shape);
    const kept = isRecording()
      ? { h: hold(h as Tensor2D), q3: hold(f.q3), k3: hold(f.k3), v3: hold(f.v3), A: hold(f.A), wq: hold(f.wq), wk: hold(f.wk), wv: f.wv && hold(f.wv) }
      : null;
    return {
      value: f.o,
      gradFunc: (dy: Tensor) => {
        if (!kept) throw new Error('attention: gradient of an unrecorded op');
        const grads = tf.tidy(() => backward(dy, kept.h, kept, shape)); // intermediates freed now
        drop(Object.values(kept).filter((t): t is Tensor2D | Tensor3D => t !== null));
        return grads;
      },
    };
  });
  return (h, W, x) => recorded(() => (x === null ? op(h, W) : op(h, W, x)) as Tensor2D);
};

/**
 * o [B·T, m_v] for one lane (see the header). x [B·T, 1] is the value when F̂ is the identity and W
 * holds no W_V columns (fixed features); null otherwise.
 */
export function attentionLayer(h: Tensor2D, W: Tensor2D, x: Tensor2D | null, shape: AttentionShape): Tensor2D {
  return layerOp(shape)(h, W, x);
}

/** S [B, T, T] and o [B·T, m_v] without a gradient (views, analysis): the same kernels. */
export function attentionWithLogits(h: Tensor2D, W: Tensor2D, x: Tensor2D | null, shape: AttentionShape): { S: Tensor3D; o: Tensor2D } {
  const { S, o } = simdAvailable() ? forwardOwn(h, W, x, shape) : forward(h, W, x, shape);
  return { S, o };
}
