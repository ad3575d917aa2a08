/**
 * The WebAssembly SIMD module (./binary.ts, from ./wat.ts) instantiated on the tfjs wasm backend's
 * own memory, once per memory, and the helpers every kernel of ./kernels.ts shares.
 */
import type { DataId, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { SIMD_WASM_BASE64 } from './binary';

/** Terms per partial sum of tfjs-wasm's scalar batched product (batch_mat_mul_impl.cc kBlockSize). */
export const TFJS_SLOW_BLOCK = 48;

export interface SimdExports {
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
export interface WasmBackend {
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
export function exportsFor(backend: unknown): SimdExports | null {
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

export function backendExports(backend: unknown): { b: WasmBackend; x: SimdExports } {
  const x = exportsFor(backend);
  if (!x || !isWasmBackend(backend)) throw new Error('Rankscope SIMD kernels: not available on this backend');
  return { b: backend, x };
}

export const F32 = 4;

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
export function longSum(k: SimdExports, a: number, b: number, o: number, M: number, N: number, K: number, aRs: number, aKs: number, bKs: number, oRs: number): void {
  for (let k0 = 0; k0 < K; k0 += K_CHUNK) {
    const n = Math.min(K_CHUNK, K - k0);
    k.bmm(a + k0 * aKs, b + k0 * bKs, o, 1, M, N, n, 0, aRs, aKs, 0, bKs, 0, oRs, n, 0, 0, k0 > 0 ? 1 : 0);
  }
}

/** What tfjs passes a kernel function. */
export interface KernelArgs {
  readonly inputs: Record<string, TensorInfo>;
  readonly attrs?: NamedAttrMap;
  readonly backend: unknown;
}
