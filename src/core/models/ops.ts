import * as tf from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import type { Activation } from '../config/types';
import { drop, hold, isRecording, isSave, recorded } from './held';
import { denseBackward, denseForward, simdAvailable } from './simd/kernels';

export { releaseBackwardTensors } from './held';

/**
 * Products whose gradients stay plain 2-D products. tfjs computes dA = dY·Bᵀ and dB = Aᵀ·dY with
 * transpose flags, which the wasm backend runs as a scalar triple loop (~15× slower than XNNPACK,
 * docs/tfjs-notes.md §2). Here the transposes are explicit and cheap, and every product is a plain one.
 */

/** Rows per block of the blocked transpose (below). */
const TRANSPOSE_BLOCK = 32;

/**
 * xᵀ for x [R, C], in two cache-friendly steps when R splits into blocks: [R/b, b, C] → swap the
 * inner two axes → [R/b, C, b] → swap the outer two → [C, R/b, b] = [C, R]. A plain 2-D transpose
 * writes with a stride of R floats (4 KB at R = 1024) and runs ~8× slower on wasm here
 * (0.83 ms vs 0.10 ms for 1024×128, measured in Node).
 */
export function transpose2d(x: Tensor2D): Tensor2D {
  const [R, C] = x.shape;
  if (R < 2 * TRANSPOSE_BLOCK || R % TRANSPOSE_BLOCK !== 0) return tf.transpose(x);
  const blocks = R / TRANSPOSE_BLOCK;
  const inner = tf.transpose(tf.reshape(x, [blocks, TRANSPOSE_BLOCK, C]), [0, 2, 1]); // [R/b, C, b]
  return tf.reshape(tf.transpose(inner, [1, 0, 2]), [C, R]) as Tensor2D; // [C, R]
}

function split3(inputs: Array<Tensor | GradSaveFunc>): [Tensor2D, Tensor2D, Tensor2D] {
  const [a, b, c] = inputs;
  if (!a || !b || !c || isSave(a) || isSave(b) || isSave(c)) throw new Error('dense: expected (x, w, b) tensors');
  return [a as Tensor2D, b as Tensor2D, c as Tensor2D];
}

/**
 * x·w + bias (+ relu) as one kernel. tf.fused.matMul un-fuses itself while a gradient is being
 * recorded; inside a customGrad nothing needs recording, so the fused kernel is called directly.
 */
function fusedProduct(x: Tensor2D, w: Tensor2D, bias: Tensor, relu: boolean): Tensor2D {
  const [rows, inDim] = x.shape;
  const out = w.shape[1];
  const a3 = tf.reshape(x, [1, rows, inDim]);
  const b3 = tf.reshape(w, [1, inDim, out]);
  const attrs = { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear', leakyreluAlpha: 0 };
  const y = tf.engine().runKernel('_FusedMatMul', { a: a3, b: b3, bias }, attrs) as Tensor;
  return tf.reshape(y, [rows, out]) as Tensor2D;
}

/**
 * dw = xᵀ·dz [in, out] and db = Σ_rows dz [1, out] for x [rows, in], dz [rows, out].
 *
 * XNNPACK packs (re-lays out) the right-hand matrix of every product anew when it is a new tensor, at
 * ~3 ns a value: 0.42 ms for a [1024, 128] dz, more than the product itself when x is thin. So when
 * in < out the product is turned round, dwᵀ = dzᵀ·x, which packs x instead, and the small result is
 * transposed back; db is then dzᵀ·1 (a ones column packs for nothing) rather than 1ᵀ·dz (which reuses
 * dz's packing only when dz was packed for dw). Each entry is the same sum over rows in the same
 * order either way: the values are bit-identical (checked on wasm for the model's shapes).
 */
function weightGrads(x: Tensor2D, dz: Tensor2D): [Tensor2D, Tensor2D] {
  const [rows, inDim] = x.shape;
  const out = dz.shape[1];
  if (inDim >= out) {
    // Σ over rows as a product with a row of ones: ~16× faster than Sum over axis 0 on wasm.
    return [tf.matMul(transpose2d(x), dz), tf.matMul(tf.ones([1, rows]) as Tensor2D, dz)]; // [in, out], [1, out]
  }
  const dzT = transpose2d(dz); // [out, rows]
  const dwT = tf.matMul(dzT, x) as Tensor2D; // [out, in]
  const dw = inDim === 1 ? (tf.reshape(dwT, [1, out]) as Tensor2D) : transpose2d(dwT); // [in, out]
  const db = tf.reshape(tf.matMul(dzT, tf.ones([rows, 1]) as Tensor2D), [1, out]) as Tensor2D; // [out, 1] → [1, out]
  return [dw, db];
}

/**
 * z = act(x·w + b) for 2-D x [rows, in], w [in, out], b [1, out]; relu is fused into the product.
 * `inputGrad: false` skips dX (for a first layer whose input is data).
 */
function makeDense(relu: boolean, inputGrad: boolean): (x: Tensor2D, w: Tensor2D, b: Tensor2D) => Tensor2D {
  const f = tf.customGrad((...inputs: Array<Tensor | GradSaveFunc>) => {
    const [x, w, b] = split3(inputs);
    // On wasm with SIMD, one kernel each way (./simd/kernels.ts), the same values as the ops below.
    const own = simdAvailable();
    // wasm's FusedMatMul kernel takes only a rank-1 bias and checks the rank of the *buffer*, which a
    // reshape keeps: the tiny add makes a fresh rank-1 buffer. [out]
    const y = own ? denseForward(x, w, b, relu) : fusedProduct(x, w, tf.add(tf.reshape(b, [b.shape[1]]), 0), relu); // [rows, out]
    const kept = isRecording() ? [hold(x), hold(w), hold(y)] : [];
    return {
      value: y,
      gradFunc: (dy: Tensor) => {
        const [sx, sw, sy] = kept as [Tensor2D, Tensor2D, Tensor2D];
        if (own && simdAvailable()) {
          const grads = denseBackward(sx, sw, sy, dy as Tensor2D, relu, inputGrad);
          drop(kept);
          return inputGrad ? grads : [tf.zerosLike(sx), ...grads];
        }
        // In a tidy: the intermediates (dz, transposes) are freed now, not at the end of the backward pass.
        const grads = tf.tidy(() => {
          const dz = (relu ? tf.mul(dy, tf.step(sy)) : dy) as Tensor2D; // [rows, out]
          const [dw, db] = weightGrads(sx, dz);
          const dx = inputGrad ? tf.matMul(dz, transpose2d(sw)) : tf.zerosLike(sx); // [rows, in]
          return [dx, dw, db];
        });
        drop(kept);
        return grads;
      },
    };
  });
  return (x, w, b) => recorded(() => f(x, w, b) as Tensor2D);
}

const denseVariants = {
  reluIn: makeDense(true, true),
  reluNoIn: makeDense(true, false),
  linIn: makeDense(false, true),
  linNoIn: makeDense(false, false),
};

/** Non-fused activations (differentiated by tfjs). */
export function activate(z: Tensor, act: Activation): Tensor {
  switch (act) {
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'gelu': {
      // tanh approximation: 0.5 z (1 + tanh(√(2/π)(z + 0.044715 z³)))
      const inner = tf.mul(tf.add(z, tf.mul(tf.pow(z, 3), 0.044715)), Math.sqrt(2 / Math.PI));
      return tf.mul(tf.mul(z, 0.5), tf.add(tf.tanh(inner), 1));
    }
  }
}

/** A 2-D dense layer with plain-product gradients; `act: null` means linear. */
export function dense2d(
  x: Tensor2D, // [rows, in]
  w: Tensor2D, // [in, out]
  b: Tensor2D, // [1, out]
  act: Activation | null,
  inputGrad: boolean,
): Tensor2D {
  if (act === 'relu') return (inputGrad ? denseVariants.reluIn : denseVariants.reluNoIn)(x, w, b);
  const z = (inputGrad ? denseVariants.linIn : denseVariants.linNoIn)(x, w, b);
  return act === null ? z : (activate(z, act) as Tensor2D);
}

const mmPlain = tf.customGrad((...inputs: Array<Tensor | GradSaveFunc>) => {
  const [a, b] = inputs;
  if (!a || !b || isSave(a) || isSave(b)) throw new Error('mm2d: expected (a, b)');
  const y = tf.matMul(a as Tensor2D, b as Tensor2D); // [rows, out]
  const kept = isRecording() ? [hold(a), hold(b)] : [];
  return {
    value: y,
    gradFunc: (dy: Tensor) => {
      const [sa, sb] = kept as [Tensor2D, Tensor2D];
      const grads = tf.tidy(() => [tf.matMul(dy as Tensor2D, transpose2d(sb)), tf.matMul(transpose2d(sa), dy as Tensor2D)]);
      drop(kept);
      return grads;
    },
  };
});

/** a [rows, in] · b [in, out] with plain-product gradients, no bias. */
export function mm2d(a: Tensor2D, b: Tensor2D): Tensor2D {
  return recorded(() => mmPlain(a, b) as Tensor2D);
}
