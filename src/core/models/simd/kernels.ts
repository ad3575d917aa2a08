/**
 * Rankscope's own kernels on the tfjs wasm backend: a small WebAssembly SIMD module (./wat.ts, built
 * into ./binary.ts) instantiated on the backend's own memory, so it reads and writes tensors where
 * they live, behind kernels registered with tfjs (tf.registerKernel; they show in tf.profile).
 *
 * - RankscopeBatchMatMul: what tf.matMul computes on wasm, bit for bit (./wat.ts), for 3-D operands
 *   with transpose flags. tfjs-wasm runs a batched or transposed product as a scalar loop (~2.5
 *   GFLOP/s); this one keeps SIMD lanes and register tiles (the attention's per-sequence products).
 * - RankscopeDense, RankscopeDenseGrad: a dense layer forward and its whole backward (../ops.ts).
 * - RankscopeAttentionLogits, RankscopeAttentionGrad: one lane's attention projections and logits,
 *   and its whole backward (../attention.ts).
 * - RankscopeAdam: one Adam step of a list of variables in one kernel, the values ../adam.ts's ops give.
 * Each gives the values of the tfjs ops it replaces bit for bit (test/core/models/simd.test.ts).
 *
 * Available only on the wasm backend when its memory can be imported (not the threaded build's
 * shared memory) and WebAssembly SIMD compiles; callers fall back to tfjs's own ops otherwise.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { attentionGradKernel, attentionKernel } from './attention-kernels';
import { exportsFor } from './module';
import { adamKernel, bmmKernel, denseGradKernel, denseKernel } from './product-kernels';

export const BMM_KERNEL = 'RankscopeBatchMatMul';
export const ADAM_KERNEL = 'RankscopeAdam';
export const DENSE_KERNEL = 'RankscopeDense';
export const DENSE_GRAD_KERNEL = 'RankscopeDenseGrad';
export const ATTENTION_KERNEL = 'RankscopeAttentionLogits';
export const ATTENTION_GRAD_KERNEL = 'RankscopeAttentionGrad';

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel(BMM_KERNEL, 'wasm')) tf.registerKernel({ kernelName: BMM_KERNEL, backendName: 'wasm', kernelFunc: bmmKernel as unknown as tf.KernelFunc });
  if (!tf.getKernel(ADAM_KERNEL, 'wasm')) tf.registerKernel({ kernelName: ADAM_KERNEL, backendName: 'wasm', kernelFunc: adamKernel as unknown as tf.KernelFunc });
  if (!tf.getKernel(DENSE_KERNEL, 'wasm')) tf.registerKernel({ kernelName: DENSE_KERNEL, backendName: 'wasm', kernelFunc: denseKernel as unknown as tf.KernelFunc });
  const more: Array<[string, unknown]> = [
    [DENSE_GRAD_KERNEL, denseGradKernel],
    [ATTENTION_KERNEL, attentionKernel],
    [ATTENTION_GRAD_KERNEL, attentionGradKernel],
  ];
  for (const [kernelName, f] of more) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: f as tf.KernelFunc });
  }
}

let enabled = true;

/** Turn these kernels off (tfjs's own ops everywhere) or back on: tests compare the two. */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}

/** Whether the current backend runs these kernels (wasm with SIMD and an importable memory). */
export function simdAvailable(): boolean {
  if (!enabled || tf.getBackend() !== 'wasm') return false;
  if (exportsFor(tf.backend()) === null) return false;
  register();
  return true;
}

/**
 * tf.matMul(a, b, transposeA, transposeB) for 3-D a, b with one batch size: the same values; on wasm
 * with SIMD by RankscopeBatchMatMul. No gradient: for use inside custom ops' forward and backward.
 */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeA = false, transposeB = false): tf.Tensor3D {
  const ok = a.shape[0] === b.shape[0] && a.size > 0 && b.size > 0 && a.dtype === 'float32' && b.dtype === 'float32';
  if (!ok || !simdAvailable()) return tf.matMul(a, b, transposeA, transposeB);
  return tf.engine().runKernel(BMM_KERNEL, { a, b }, { transposeA, transposeB }) as tf.Tensor3D;
}

/** act(x·w + b) for 2-D x [rows, in], w [in, out], b [1, out] (wasm with SIMD only: check simdAvailable()). */
export function denseForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor2D, relu: boolean): tf.Tensor2D {
  return tf.engine().runKernel(DENSE_KERNEL, { x, w, b }, { relu }) as tf.Tensor2D;
}

/**
 * [dx, dw, db] of denseForward from dy (dx only with inputGrad; y, the layer's output, for relu's
 * gradient). Wasm with SIMD only: check simdAvailable().
 */
export function denseBackward(x: tf.Tensor2D, w: tf.Tensor2D, y: tf.Tensor2D, dy: tf.Tensor2D, relu: boolean, inputGrad: boolean): tf.Tensor2D[] {
  return tf.engine().runKernel(DENSE_GRAD_KERNEL, relu ? { x, w, y, dy } : { x, w, dy }, { relu, inputGrad }) as tf.Tensor2D[];
}

/** ../attention.ts's shapes, for its kernels. */
export interface AttentionDims {
  readonly B: number;
  readonly T: number;
  readonly M: number;
  readonly mH: number;
  readonly scale: number;
}

/**
 * [s·q, k, v, S] (v only when W holds W_V columns beyond 2M) of one lane's attention layer, from
 * h [B·T, hDim] and W: one kernel (wasm with SIMD only: check simdAvailable()).
 */
export function attentionLogits(h: tf.Tensor2D, W: tf.Tensor2D, d: AttentionDims): tf.Tensor3D[] {
  const hasV = (W.shape[1] as number) > 2 * d.M;
  return tf.engine().runKernel(ATTENTION_KERNEL, { h, W }, { ...d, hasV }) as tf.Tensor3D[];
}

/**
 * [dh, dW] (with W_V) or [dh, dW, dx] (v = x) of one lane's attention layer from dO [B·T, m_v] and
 * the forward's s·q, k, v [B, T, ·] and A = softmax(S) (wasm with SIMD only: check simdAvailable()).
 */
export function attentionGrads(
  dy: tf.Tensor,
  h: tf.Tensor2D,
  W: tf.Tensor2D,
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  A: tf.Tensor3D,
  d: AttentionDims,
): tf.Tensor[] {
  const hasV = (W.shape[1] as number) > 2 * d.M;
  return tf.engine().runKernel(ATTENTION_GRAD_KERNEL, { dy, h, W, q, k, v, A }, { ...d, hasV }) as tf.Tensor[];
}

/** Constants of one Adam step (float32 when given to the kernel, as tf.scalar makes them). */
export interface AdamConstants {
  readonly b1: number;
  readonly b1c: number;
  readonly b2: number;
  readonly b2c: number;
  readonly c2: number;
  readonly eps: number;
}

/**
 * One Adam step of every (p, g, m, v) in one kernel (wasm with SIMD only: check simdAvailable()):
 * the new values of p, m and v, in that order, each list in the order given.
 */
export function adamStep(
  p: readonly Tensor[],
  g: readonly Tensor[],
  m: readonly Tensor[],
  v: readonly Tensor[],
  lrs: readonly number[],
  k: AdamConstants,
): { p: Tensor[]; m: Tensor[]; v: Tensor[] } {
  const n = p.length;
  if (g.length !== n || m.length !== n || v.length !== n || lrs.length !== n) throw new Error('adamStep: lists of unequal length');
  const inputs: Record<string, Tensor> = {};
  for (let i = 0; i < n; i++) {
    const size = (p[i] as Tensor).size;
    if ([g, m, v].some((xs) => (xs[i] as Tensor).size !== size)) throw new Error(`adamStep: sizes of variable ${i} differ`);
    inputs[`p${i}`] = p[i] as Tensor;
    inputs[`g${i}`] = g[i] as Tensor;
    inputs[`m${i}`] = m[i] as Tensor;
    inputs[`v${i}`] = v[i] as Tensor;
  }
  const out = tf.engine().runKernel(ADAM_KERNEL, inputs, { ...k, lrs: [...lrs] }) as Tensor[];
  return { p: out.slice(0, n), m: out.slice(n, 2 * n), v: out.slice(2 * n) };
}
