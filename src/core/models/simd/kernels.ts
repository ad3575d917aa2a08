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
import type { DataId, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { SIMD_WASM_BASE64 } from './binary';

export const BMM_KERNEL = 'RankscopeBatchMatMul';
export const ADAM_KERNEL = 'RankscopeAdam';
export const DENSE_KERNEL = 'RankscopeDense';
export const DENSE_GRAD_KERNEL = 'RankscopeDenseGrad';
export const ATTENTION_KERNEL = 'RankscopeAttentionLogits';
export const ATTENTION_GRAD_KERNEL = 'RankscopeAttentionGrad';

/** Terms per partial sum of tfjs-wasm's scalar batched product (batch_mat_mul_impl.cc kBlockSize). */
const TFJS_SLOW_BLOCK = 48;

interface SimdExports {
  bmm(...args: number[]): void;
  transpose(src: number, dst: number, batch: number, rows: number, cols: number): void;
  adam(...args: number[]): void;
  reluGrad(dy: number, y: number, out: number, n: number): void;
  colSum(x: number, out: number, rows: number, cols: number): void;
  scale(p: number, n: number, s: number): void;
  addTo(dst: number, src: number, n: number): void;
  fill0(p: number, n: number): void;
  softmaxGrad(dA: number, A: number, out: number, rows: number, T: number): void;
}

/** The parts of tfjs-backend-wasm's BackendWasm used here (core imports tfjs-core only). */
interface WasmBackend {
  readonly wasm: { readonly asm?: { readonly memory?: unknown } };
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  getMemoryOffset(dataId: DataId): number;
  disposeData(dataId: DataId, force?: boolean): boolean;
}

function isWasmBackend(b: unknown): b is WasmBackend {
  if (typeof b !== 'object' || b === null) return false;
  const o = b as Partial<WasmBackend>;
  return typeof o.makeOutput === 'function' && typeof o.getMemoryOffset === 'function' && typeof o.wasm === 'object';
}

const instances = new WeakMap<WebAssembly.Memory, SimdExports | null>();

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The module instantiated on `backend`'s memory, or null where that cannot be done. */
function exportsFor(backend: unknown): SimdExports | null {
  if (!isWasmBackend(backend)) return null;
  const memory = backend.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let made: SimdExports | null;
  try {
    // ~5 KB, compiled synchronously: training runs in a worker (a browser's main thread may refuse a
    // synchronous compile this large; tfjs's own ops then run there).
    const module = new WebAssembly.Module(decode(SIMD_WASM_BASE64));
    made = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports;
  } catch {
    made = null; // no WebAssembly SIMD here
  }
  instances.set(memory, made);
  return made;
}

function backendExports(backend: unknown): { b: WasmBackend; x: SimdExports } {
  const x = exportsFor(backend);
  if (!x || !isWasmBackend(backend)) throw new Error('Rankscope SIMD kernels: not available on this backend');
  return { b: backend, x };
}

const F32 = 4;

/**
 * Terms of k per call of a long sequential sum (longSum): both operands' chunks then stay in cache.
 * A [1024, 128]ᵀ·[1024, 128] weight gradient took ~0.95 ms in chunks of 64, ~1.1 in chunks of 128 to
 * 512 and ~1.2 in one call (Node, CPU time, a shared machine).
 */
const K_CHUNK = 64;

/**
 * One plain product out [M, N] = A·B with a long k (a weight gradient's sum over token rows), one
 * sequential sum per value as XNNPACK's, computed in calls over K_CHUNK terms of k that continue
 * from out. Strides in bytes: A's rows and k, B's k, out's rows.
 */
function longSum(k: SimdExports, a: number, b: number, o: number, M: number, N: number, K: number, aRs: number, aKs: number, bKs: number, oRs: number): void {
  for (let k0 = 0; k0 < K; k0 += K_CHUNK) {
    const n = Math.min(K_CHUNK, K - k0);
    k.bmm(a + k0 * aKs, b + k0 * bKs, o, 1, M, N, n, 0, aRs, aKs, 0, bKs, 0, oRs, n, 0, 0, k0 > 0 ? 1 : 0);
  }
}

function bmmKernel({ inputs, attrs, backend }: { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown }): TensorInfo {
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

function adamKernel({ inputs, attrs, backend }: { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown }): TensorInfo[] {
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
function denseKernel({ inputs, attrs, backend }: { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown }): TensorInfo {
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
function denseGradKernel({ inputs, attrs, backend }: { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown }): TensorInfo[] {
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

/** The shape attributes of the attention kernels (../attention.ts's AttentionShape, and whether W holds W_V). */
interface AttentionAttrs {
  readonly B: number;
  readonly T: number;
  readonly M: number;
  readonly mH: number;
  readonly scale: number;
  readonly hasV: boolean;
}

const attentionAttrs = (attrs: NamedAttrMap | undefined): AttentionAttrs => attrs as unknown as AttentionAttrs;

/**
 * s·q, k [B, T, m_h], v [B, T, m_v] (when W holds W_V) and S = (s·q)·kᵀ [B, T, T] from h [B·T, hDim]
 * and W [hDim, 2M + m_v]: the projections read W's column blocks in place (XNNPACK's one-sum values
 * of h·W_Q etc.), S the per-sequence product in tfjs-wasm's 48-term blocks.
 */
function attentionKernel({ inputs, attrs, backend }: { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown }): TensorInfo[] {
  const { b: be, x: k } = backendExports(backend);
  const { B, T, M, mH, scale, hasV } = attentionAttrs(attrs);
  const h = inputs.h as TensorInfo;
  const W = inputs.W as TensorInfo;
  const hDim = h.shape[1] as number;
  const cols = W.shape[1] as number;
  const mV = cols - 2 * M;
  const rows = B * T;
  const off = (t: TensorInfo): number => be.getMemoryOffset(t.dataId);
  const project = (col: number, width: number): TensorInfo => {
    const out = be.makeOutput([B, T, width], 'float32');
    k.bmm(off(h), off(W) + col * F32, off(out), 1, rows, width, hDim, 0, hDim * F32, F32, 0, cols * F32, 0, width * F32, hDim, 0, 0, 0);
    return out;
  };
  const q = project(0, mH);
  if (scale !== 1) k.scale(off(q), rows * mH, scale);
  const kk = project(M, mH);
  const outs = [q, kk];
  if (hasV) outs.push(project(2 * M, mV));
  const kT = be.makeOutput([B, mH, T], 'float32');
  k.transpose(off(kk), off(kT), B, T, mH);
  const S = be.makeOutput([B, T, T], 'float32');
  k.bmm(off(q), off(kT), off(S), B, T, T, mH, T * mH * F32, mH * F32, F32, mH * T * F32, T * F32, T * T * F32, T * F32, TFJS_SLOW_BLOCK, 0, 0, 0);
  be.disposeData(kT.dataId, true);
  outs.push(S);
  return outs;
}

/**
 * The attention layer's gradients [dh, dW] (and dx, the value's, when W holds no W_V) from dO
 * [B·T, m_v] and the forward's s·q, k, v, A = softmax(S): the steps and values of ../attention.ts's
 * backward (its tfjs ops), with every product read in place and W's gradient written by blocks.
 */
function attentionGradKernel({ inputs, attrs, backend }: { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown }): TensorInfo[] {
  const { b: be, x: k } = backendExports(backend);
  const { B, T, M, mH, scale, hasV } = attentionAttrs(attrs);
  const [dO, h, W, q, kk, v, A] = ['dy', 'h', 'W', 'q', 'k', 'v', 'A'].map((n) => inputs[n] as TensorInfo) as [
    TensorInfo, TensorInfo, TensorInfo, TensorInfo, TensorInfo, TensorInfo, TensorInfo,
  ];
  const hDim = h.shape[1] as number;
  const cols = W.shape[1] as number;
  const mV = v.shape[2] as number;
  const rows = B * T;
  const off = (t: TensorInfo): number => be.getMemoryOffset(t.dataId);
  const scratch: TensorInfo[] = [];
  const temp = (shape: number[]): TensorInfo => {
    const t = be.makeOutput(shape, 'float32');
    scratch.push(t);
    return t;
  };
  const slow = TFJS_SLOW_BLOCK;
  // o = A·V: dA = dO·Vᵀ, dV = Aᵀ·dO (per sequence)
  const vT = temp([B, mV, T]);
  k.transpose(off(v), off(vT), B, T, mV);
  const dA = temp([B, T, T]);
  k.bmm(off(dO), off(vT), off(dA), B, T, T, mV, T * mV * F32, mV * F32, F32, mV * T * F32, T * F32, T * T * F32, T * F32, slow, 0, 0, 0);
  const dV = hasV ? temp([B, T, mV]) : be.makeOutput([rows, mV], 'float32');
  k.bmm(off(A), off(dO), off(dV), B, T, mV, T, T * T * F32, F32, T * F32, T * mV * F32, mV * F32, T * mV * F32, mV * F32, slow, 0, 0, 0);
  // A = softmax(S)
  const dS = temp([B, T, T]);
  k.softmaxGrad(off(dA), off(A), off(dS), rows, T);
  // S = (s·q)·kᵀ: d(s·q) = dS·k, dk = dSᵀ·(s·q); dq = s·d(s·q)
  const dQ = temp([B, T, mH]);
  k.bmm(off(dS), off(kk), off(dQ), B, T, mH, T, T * T * F32, T * F32, F32, T * mH * F32, mH * F32, T * mH * F32, mH * F32, slow, 0, 0, 0);
  if (scale !== 1) k.scale(off(dQ), rows * mH, scale);
  const dK = temp([B, T, mH]);
  k.bmm(off(dS), off(q), off(dK), B, T, mH, T, T * T * F32, F32, T * F32, T * mH * F32, mH * F32, T * mH * F32, mH * F32, slow, 0, 0, 0);
  // The projections: dW's column blocks = hᵀ·(dq, dk, dv) (unused heads stay 0), dh = Σ d·w_blockᵀ.
  const dW = be.makeOutput([hDim, cols], 'float32');
  k.fill0(off(dW), hDim * cols);
  const blockGrad = (d: TensorInfo, col: number, width: number): void =>
    longSum(k, off(h), off(d), off(dW) + col * F32, hDim, width, rows, F32, hDim * F32, width * F32, cols * F32);
  blockGrad(dQ, 0, mH);
  blockGrad(dK, M, mH);
  if (hasV) blockGrad(dV, 2 * M, mV);
  const WT = temp([cols, hDim]);
  k.transpose(off(W), off(WT), 1, hDim, cols);
  const inputGrad = (d: TensorInfo, col: number, width: number, out: TensorInfo): void =>
    k.bmm(off(d), off(WT) + col * hDim * F32, off(out), 1, rows, hDim, width, 0, width * F32, F32, 0, hDim * F32, 0, hDim * F32, width, 0, 0, 0);
  const dh = be.makeOutput([rows, hDim], 'float32');
  const part = temp([rows, hDim]);
  // tfjs's order: (dh_v + dh_k) + dh_q, or dh_k + dh_q without W_V.
  if (hasV) {
    inputGrad(dV, 2 * M, mV, dh);
    inputGrad(dK, M, mH, part);
    k.addTo(off(dh), off(part), rows * hDim);
  } else {
    inputGrad(dK, M, mH, dh);
  }
  inputGrad(dQ, 0, mH, part);
  k.addTo(off(dh), off(part), rows * hDim);
  for (const t of scratch) be.disposeData(t.dataId, true);
  return hasV ? [dh, dW] : [dh, dW, dV];
}

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
