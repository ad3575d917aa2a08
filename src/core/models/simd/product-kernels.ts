/**
 * The product kernels on the backend's memory: the batched product (tf.matMul's values), a dense
 * layer forward and its whole backward, and Adam over a list of variables (./kernels.ts says what
 * each stands in for; ./wat.ts how each value is summed).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { backendExports, F32, longSum, TFJS_SLOW_BLOCK } from './module';
import type { KernelArgs } from './module';

export function bmmKernel({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const { b: be, x } = backendExports(backend);
  const a = inputs.a as TensorInfo;
  const b = inputs.b as TensorInfo;
  const tA = attrs?.transposeA === true;
  const tB = attrs?.transposeB === true;
  const [batch, aR, aC] = a.shape as [number, number, number];
  const [, bR, bC] = b.shape as [number, number, number];
  const M = tA ? aC : aR;
  const K = tA ? aR : aC;
  const N = tB ? bR : bC;
  const out = be.makeOutput([batch, M, N], 'float32');
  // tf.matMul's own summation: one sequential sum on XNNPACK's path (plain 2-D), blocks of 48 otherwise;
  // `sequential` asks for XNNPACK's sum whatever the flags (the value of a plain product of op(A), op(B)).
  const kb = attrs?.sequential === true || (!tA && !tB && batch === 1) ? K : TFJS_SLOW_BLOCK;
  let bPtr = be.getMemoryOffset(b.dataId);
  let scratch: TensorInfo | null = null;
  if (tB) {
    scratch = be.makeOutput([batch, K, N], 'float32'); // B[q]ᵀ with contiguous columns
    x.transpose(bPtr, be.getMemoryOffset(scratch.dataId), batch, N, K);
    bPtr = be.getMemoryOffset(scratch.dataId);
  }
  x.bmm(
    be.getMemoryOffset(a.dataId), bPtr, be.getMemoryOffset(out.dataId), batch, M, N, K,
    M * K * F32, tA ? F32 : K * F32, tA ? M * F32 : F32, // A: batch, row, k strides
    K * N * F32, N * F32, // B: batch, k strides
    M * N * F32, N * F32, // out: batch, row strides
    kb, 0, 0, 0, // no bias, no relu, a sum of its own
  );
  if (scratch) be.disposeData(scratch.dataId, true);
  return out;
}

export function adamKernel({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const { b: be, x } = backendExports(backend);
  const lrs = (attrs?.lrs ?? []) as number[];
  const k = (name: string): number => attrs?.[name] as number;
  const n = lrs.length;
  const outs: TensorInfo[][] = [[], [], []];
  for (let i = 0; i < n; i++) {
    const [p, g, m, v] = ['p', 'g', 'm', 'v'].map((s) => inputs[`${s}${i}`] as TensorInfo) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo];
    const made = [p, m, v].map((t) => be.makeOutput([...t.shape], 'float32')) as [TensorInfo, TensorInfo, TensorInfo];
    const off = (t: TensorInfo): number => be.getMemoryOffset(t.dataId);
    x.adam(
      off(p), off(g), off(m), off(v), off(made[0]), off(made[1]), off(made[2]), tf.util.sizeFromShape(p.shape),
      k('b1'), k('b1c'), k('b2'), k('b2c'), k('c2'), k('eps'), lrs[i] as number,
    );
    made.forEach((t, j) => (outs[j] as TensorInfo[]).push(t));
  }
  return outs.flat();
}

/**
 * y = act(x·w + b) for x [rows, in], w [in, out], b [1, out] (relu or linear): the values of
 * tfjs-wasm's XNNPACK product with the bias and relu fused (each sum starts at the bias and runs in
 * k order; relu maps NaN to 0 as XNNPACK's clamp does), without its JS kernel's reshapes and the
 * fresh rank-1 bias buffer it insists on.
 */
export function denseKernel({ inputs, attrs, backend }: KernelArgs): TensorInfo {
  const { b: be, x: k } = backendExports(backend);
  const x = inputs.x as TensorInfo;
  const w = inputs.w as TensorInfo;
  const bias = inputs.b as TensorInfo;
  const [rows, inDim] = x.shape as [number, number];
  const out = w.shape[1] as number;
  const y = be.makeOutput([rows, out], 'float32');
  const off = (t: TensorInfo): number => be.getMemoryOffset(t.dataId);
  k.bmm(off(x), off(w), off(y), 1, rows, out, inDim, 0, inDim * F32, F32, 0, out * F32, 0, out * F32, inDim, off(bias), attrs?.relu === true ? 1 : 0, 0);
  return y;
}

/**
 * The gradients of y = act(x·w + b) (relu or linear) from dy, in one kernel: dz = dy·step(y) (relu),
 * dw = xᵀ·dz, db = Σ_rows dz and, with inputGrad, dx = dz·wᵀ — each value the one-sequential-sum
 * value of the plain products ../ops.ts computes otherwise (transposes, XNNPACK, a ones product).
 */
export function denseGradKernel({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
  const { b: be, x: k } = backendExports(backend);
  const x = inputs.x as TensorInfo;
  const w = inputs.w as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const [rows, inDim] = x.shape as [number, number];
  const out = w.shape[1] as number;
  const off = (t: TensorInfo): number => be.getMemoryOffset(t.dataId);
  const scratch: TensorInfo[] = [];
  let dz = dy;
  if (attrs?.relu === true) {
    dz = be.makeOutput([rows, out], 'float32');
    scratch.push(dz);
    k.reluGrad(off(dy), off(inputs.y as TensorInfo), off(dz), rows * out);
  }
  const dw = be.makeOutput([inDim, out], 'float32');
  // dw[i][j] = Σ_r x[r][i] dz[r][j]: A = xᵀ read in place (row stride 1 value, k stride inDim).
  longSum(k, off(x), off(dz), off(dw), inDim, out, rows, F32, inDim * F32, out * F32, out * F32);
  const db = be.makeOutput([1, out], 'float32');
  k.colSum(off(dz), off(db), rows, out);
  const grads = [dw, db];
  if (attrs?.inputGrad === true) {
    const wT = be.makeOutput([out, inDim], 'float32');
    scratch.push(wT);
    k.transpose(off(w), off(wT), 1, inDim, out);
    const dx = be.makeOutput([rows, inDim], 'float32');
    k.bmm(off(dz), off(wT), off(dx), 1, rows, inDim, out, 0, out * F32, F32, 0, inDim * F32, 0, inDim * F32, out, 0, 0, 0);
    grads.unshift(dx);
  }
  for (const t of scratch) be.disposeData(t.dataId, true);
  return grads;
}
