import * as tf from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { drop, hold, isRecording, isSave, recorded } from './held';
import { transpose2d } from './ops';

/**
 * The linear RNN h(t) = h(t−1)·W + x(t)·U + b, ŷ(t) = h(t)·c + c₀ (row vectors, h(−1) = 0) as the
 * causal convolution it is (docs/rnn-convolution.md):
 *   ŷ(t) = Σ_{s≤t} k(s) x(t−s) + β(t),   k(s) = U W^s c,   β(t) = Σ_{s≤t} b W^s c + c₀.
 * Lanes run side by side over a leading axis L (the split layout calls it with L = 1). Every product
 * is a plain one, without transpose flags (wasm runs flagged products as a scalar loop), and the
 * gradient is written out (below) rather than taken through the doubling steps by autodiff.
 */

/** W^(2^j) for every doubling step that reaches T: [W, W², W⁴, …], each [L, H, H]. */
function powers(W: Tensor3D, T: number): Tensor3D[] {
  const pows = [W];
  for (let m = 2; m < T; m *= 2) {
    const P = pows[pows.length - 1] as Tensor3D;
    pows.push(tf.matMul(P, P)); // [L, H, H]
  }
  return pows;
}

/** Columns W^s c for s = 0..T−1 by doubling, V [L, H, T]: the new columns are W^m times the old. */
function columns(pows: readonly Tensor3D[], c: Tensor3D, T: number): Tensor3D {
  const [L, H] = c.shape;
  let V = c; // [L, H, m]
  for (let j = 0, m = 1; m < T; j++) {
    const r = Math.min(m, T - m);
    const head = r < m ? tf.slice(V, [0, 0, 0], [L, H, r]) : V; // [L, H, r]
    V = tf.concat([V, tf.matMul(pows[j] as Tensor3D, head)], 2) as Tensor3D; // [L, H, m + r]
    m += r;
  }
  return V;
}

/** Rows U W^i (q = 0) and b W^i (q = 1) for i = 0..T−1 by doubling, Q [L, 2, T, H]. */
function rows(pows: readonly Tensor3D[], Ub: Tensor3D, T: number): Tensor {
  const [L, , H] = Ub.shape;
  let Q: Tensor = tf.reshape(Ub, [L, 2, 1, H]); // [L, 2, m, H]
  for (let j = 0, m = 1; m < T; j++) {
    const r = Math.min(m, T - m);
    const head = r < m ? tf.slice(Q, [0, 0, 0, 0], [L, 2, r, H]) : Q; // [L, 2, r, H]
    const next = tf.matMul(tf.reshape(head, [L, 2 * r, H]) as Tensor3D, pows[j] as Tensor3D); // [L, 2r, H]
    Q = tf.concat([Q, tf.reshape(next, [L, 2, r, H])], 2); // [L, 2, m + r, H]
    m += r;
  }
  return Q;
}

/**
 * `rows` copies of each row of r [L, n]: [L, rows·n] flat. A broadcast add (tf.tile runs an
 * element-by-element loop on wasm, ~5× slower here at these sizes).
 */
function repeatRows(r: Tensor, rows: number): Tensor {
  const shape = r.shape;
  const n = shape[shape.length - 1] as number;
  const lead = shape.slice(0, -1);
  const copies = tf.add(tf.reshape(r, [...lead, 1, n]), tf.zeros([rows, 1])); // [..., rows, n]
  return tf.reshape(copies, [...lead, rows * n]); // [..., rows·n]
}

/**
 * Toe[l, j, t] = k[l, t − j] for t ≥ j, else 0, from k [L, T], without a gather (no gather gradient
 * on wasm, and the backward pass below needs only the adjoint): the row [k, 0…0] of length 2T,
 * repeated T times and read back with a row length of 2T − 1, shifts right by one per row.
 */
function toeplitz(k: Tensor2D): Tensor3D {
  const [L, T] = k.shape;
  const flat = repeatRows(tf.pad(k, [[0, 0], [0, T]]), T); // [L, 2T·T]
  const rowsOf = tf.reshape(tf.slice(flat, [0, 0], [L, T * (2 * T - 1)]), [L, T, 2 * T - 1]);
  return tf.slice(rowsOf, [0, 0, 0], [L, T, T]) as Tensor3D; // [L, T, T]
}

/** The adjoint of toeplitz: dk[l, s] = Σ_j dToe[l, j, j + s] (diagonal sums), dToe [L, T, T] → [L, 1, T]. */
function diagonalSums(dToe: Tensor3D): Tensor3D {
  const [L, T] = dToe.shape;
  const wide = tf.reshape(tf.pad(dToe, [[0, 0], [0, 0], [0, T - 1]]), [L, T * (2 * T - 1)]); // [L, T(2T−1)]
  const folded = tf.reshape(tf.pad(wide, [[0, 0], [0, T]]), [L, T, 2 * T]); // [L, T, 2T]: entry f at (f div 2T, f mod 2T)
  const sums = tf.matMul(tf.ones([1, 1, T]) as Tensor3D, folded); // [L, 1, 2T]
  return tf.slice(sums, [0, 0, 0], [L, 1, T]) as Tensor3D; // [L, 1, T]
}

/**
 * Hst[l, q·T + i, j] = d[l, q, i + j + 1] where i + j + 1 < T, else 0, from d [L, 2, T] (a Hankel
 * matrix per row q): the shifted row, zero-padded to 2T and repeated T + 1 times, read back with a
 * row length of 2T + 1, shifts left by one per row.
 */
function hankel(d: Tensor3D): Tensor3D {
  const [L, , T] = d.shape;
  const shifted = tf.pad(tf.slice(d, [0, 0, 1], [L, 2, T - 1]), [[0, 0], [0, 0], [0, T + 1]]); // [L, 2, 2T]
  const flat = tf.slice(repeatRows(shifted, T + 1), [0, 0, 0], [L, 2, T * (2 * T + 1)]); // [L, 2, T(2T+1)]
  return tf.slice(tf.reshape(flat, [L, 2 * T, 2 * T + 1]), [0, 0, 0], [L, 2 * T, T]) as Tensor3D; // [L, 2T, T]
}

/** Inputs: W [L, H, H], U [L, 1, H], b [L, 1, H], c [L, H, 1], c0 [L, 1, 1], x [B, T]. */
function split6(inputs: Array<Tensor | GradSaveFunc>): [Tensor3D, Tensor3D, Tensor3D, Tensor3D, Tensor3D, Tensor2D] {
  const ts = inputs.slice(0, 6);
  if (ts.length !== 6 || ts.some((t) => t === undefined || isSave(t))) throw new Error('linearRnnConv: expected (W, U, b, c, c0, x)');
  const [W, U, b, c, c0, x] = ts as Tensor[];
  return [W as Tensor3D, U as Tensor3D, b as Tensor3D, c as Tensor3D, c0 as Tensor3D, x as Tensor2D];
}

const convOp = tf.customGrad((...inputs: Array<Tensor | GradSaveFunc>) => {
  const [W, U, b, c, c0, x] = split6(inputs);
  const [B, T] = x.shape;
  const L = W.shape[0];
  const pows = powers(W, T);
  const V = columns(pows, c, T); // [L, H, T]
  const Ub = tf.concat([U, b], 1) as Tensor3D; // [L, 2, H]
  const kg = tf.matMul(Ub, V); // [L, 2, T]: rows k(s) = U W^s c and g(s) = b W^s c
  const k = tf.reshape(tf.slice(kg, [0, 0, 0], [L, 1, T]), [L, T]) as Tensor2D; // [L, T]
  const beta = tf.add(tf.cumsum(tf.slice(kg, [0, 1, 0], [L, 1, T]), 2), c0); // [L, 1, T]
  const y = tf.add(tf.matMul(tf.reshape(x, [1, B, T]) as Tensor3D, toeplitz(k)), beta) as Tensor3D; // [L, B, T]
  // The backward pass reads x, [U; b], V and the powers (same-buffer handles, not clones: held.ts).
  const kept = isRecording() ? [hold(x), hold(Ub), hold(V), ...pows.map((p) => hold(p))] : [];
  return {
    value: y,
    gradFunc: (dy: Tensor) => {
      const [sx, sUb, sV, ...sPows] = kept as [Tensor2D, Tensor3D, Tensor3D, ...Tensor3D[]];
      const grads = tf.tidy(() => {
        const H = sV.shape[1];
        const dBeta = tf.matMul(tf.ones([1, 1, B]) as Tensor3D, dy as Tensor3D); // [L, 1, T]: Σ over the batch
        const dc0 = tf.sum(dBeta, 2, true); // [L, 1, 1]
        const dg = tf.cumsum(dBeta, 2, false, true); // [L, 1, T]: dg(s) = Σ_{t≥s} dβ(t)
        const xT = tf.reshape(transpose2d(sx), [1, T, B]) as Tensor3D; // [1, T, B]
        const dk = diagonalSums(tf.matMul(xT, dy as Tensor3D)); // [L, 1, T] from dToe = xᵀ·dy [L, T, T]
        const d = tf.concat([dk, dg], 1) as Tensor3D; // [L, 2, T]
        const VT = tf.transpose(sV, [0, 2, 1]) as Tensor3D; // [L, T, H]
        const dUb = tf.matMul(d, VT); // [L, 2, H]: dU = Σ_s dk(s) (W^s c)ᵀ, db likewise with dg
        const QT = tf.transpose(tf.reshape(rows(sPows, sUb, T), [L, 2 * T, H]), [0, 2, 1]) as Tensor3D; // [L, H, 2T]
        const dc = tf.matMul(QT, tf.reshape(d, [L, 2 * T, 1]) as Tensor3D); // [L, H, 1]
        // ∂(U W^s c)/∂W = Σ_{i+j=s−1} (U W^i)ᵀ (W^j c)ᵀ: dW = Qᵀ · Hankel(d) · Vᵀ.
        const dW = tf.matMul(tf.matMul(QT, hankel(d)), VT); // [L, H, H]
        const dU = tf.slice(dUb, [0, 0, 0], [L, 1, H]); // [L, 1, H]
        const db = tf.slice(dUb, [0, 1, 0], [L, 1, H]); // [L, 1, H]
        return [dW, dU, db, dc, dc0, tf.zerosLike(sx)];
      });
      drop(kept);
      return grads;
    },
  };
});

/**
 * ŷ [L, B, T] of L linear RNN lanes on x [B, T] in convolution form. W [L, H, H], U [L, 1, H],
 * b [L, 1, H], c [L, H, 1], c0 [L, 1, 1]. x gets no gradient (it is data).
 */
export function linearRnnConv(W: Tensor3D, U: Tensor3D, b: Tensor3D, c: Tensor3D, c0: Tensor3D, x: Tensor2D): Tensor3D {
  return recorded(() => convOp(W, U, b, c, c0, x) as Tensor3D);
}
