/**
 * Copy-free Slice, Unpack and SplitV kernels for tfjs's wasm backend (same values, bit for bit).
 *
 * tfjs-backend-wasm 4.22's Slice starts with `backend.readSync(x)`, a fresh copy of its whole input
 * (HEAPU8.slice), and Unpack and SplitV call it once per output: unstacking T states copies the
 * stacked tensor T times. In Node that costs little; in Chromium each new ArrayBuffer costs ~10–20×
 * more (measured: a 256 KB HEAPU8.slice ≈ 2–4 ms in a Chromium worker against ≈ 0.2 ms in Node on the
 * same machine), and the gradient of the RNN's tf.stack over τ states made such copies the largest
 * cost of a Table 2 step in the browser (docs/reproduction.md, "Speed in the browser"). These kernels
 * read the input through a view of the wasm heap instead, taken after the output is allocated (an
 * allocation may grow the heap and detach older views), and copy the same rows in the same order.
 * String tensors keep the original kernels.
 */
import { backend_util, getKernel, registerKernel, Slice, slice_util, SplitV, unregisterKernel, Unpack, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** x[begin : begin + size] into a new tensor; x and the output read and written as heap views. */
export function sliceFromHeap(x: TensorInfo, begin: readonly number[], size: readonly number[], backend: BackendWasm): TensorInfo {
  const out = backend.makeOutput([...size], x.dtype);
  const count = util.sizeFromShape([...size]);
  if (count === 0) return out;
  const xVals = backend.typedArrayFromHeap(x);
  const outVals = backend.typedArrayFromHeap(out);
  const rank = size.length;
  if (rank === 0) {
    outVals.set(xVals.subarray(0, 1));
    return out;
  }
  const strides = util.computeStrides(x.shape);
  const inner = size[rank - 1] as number;
  const index = new Array<number>(rank - 1).fill(0);
  for (let o = 0; o < count; o += inner) {
    let offset = begin[rank - 1] as number;
    for (let d = 0; d < rank - 1; d++) offset += ((begin[d] as number) + (index[d] as number)) * (strides[d] as number);
    outVals.set(xVals.subarray(offset, offset + inner), o);
    for (let d = rank - 2; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (size[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}

interface KernelArgs {
  readonly inputs: NamedTensorInfoMap;
  readonly backend: BackendWasm;
  readonly attrs: NamedAttrMap;
}

function input(args: KernelArgs, name: string): TensorInfo {
  const t = args.inputs[name];
  if (!t) throw new Error(`wasm-slice: missing input ${name}`);
  return t;
}

function slice(args: KernelArgs): TensorInfo {
  const x = input(args, 'x');
  const [begin, size] = slice_util.parseSliceParams(x, args.attrs.begin as number[], args.attrs.size as number[]);
  return sliceFromHeap(x, begin as number[], size as number[], args.backend);
}

function unpack(args: KernelArgs): TensorInfo[] {
  const value = input(args, 'value');
  const rank = value.shape.length;
  const axis = (args.attrs.axis as number) < 0 ? (args.attrs.axis as number) + rank : (args.attrs.axis as number);
  const outShape = value.shape.filter((_, i) => i !== axis);
  const begin = new Array<number>(rank).fill(0);
  const size = [...value.shape];
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] as number }, (_, i) => {
    begin[axis] = i;
    const { dataId, dtype } = sliceFromHeap(value, begin, size, args.backend);
    return { dataId, dtype, shape: outShape };
  });
}

function splitV(args: KernelArgs): TensorInfo[] {
  const x = input(args, 'x');
  const axis = util.parseAxisParam(args.attrs.axis as number, x.shape)[0] as number;
  const sizes = backend_util.prepareSplitSize(x, args.attrs.numOrSizeSplits as number[] | number, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const part = sliceFromHeap(x, begin, size, args.backend);
    begin[axis] = (begin[axis] as number) + s;
    return part;
  });
}

/** The kernel functions installed (to tell them from tfjs's own). */
const ours = new Set<KernelFunc>();

/** The kernel for non-string inputs, the original one for strings. */
function replacing(name: string, mine: (args: KernelArgs) => TensorInfo | TensorInfo[]): KernelConfig | null {
  const original = getKernel(name, 'wasm');
  if (!original) return null;
  const kernelFunc = ((args: KernelArgs) => {
    const first = Object.values(args.inputs)[0];
    return first?.dtype === 'string' ? original.kernelFunc(args) : mine(args);
  }) as unknown as KernelFunc;
  ours.add(kernelFunc);
  return { kernelName: name, backendName: 'wasm', kernelFunc };
}

let installed = false;

/** Whether the wasm backend's Slice, Unpack and SplitV are the copy-free ones now. */
export function wasmSliceInstalled(): boolean {
  return [Slice, Unpack, SplitV].every((name) => {
    const k = getKernel(name, 'wasm');
    return k !== undefined && ours.has(k.kernelFunc);
  });
}

/** Swap the wasm backend's Slice, Unpack and SplitV for the copy-free ones (once; after the wasm backend is imported). */
export function installWasmSlice(): void {
  if (installed) return;
  const configs = [replacing(Slice, slice), replacing(Unpack, unpack), replacing(SplitV, splitV)];
  if (configs.some((c) => c === null)) return; // the wasm backend's kernels are not registered: nothing to replace
  installed = true;
  for (const c of configs) {
    if (!c) continue;
    unregisterKernel(c.kernelName, 'wasm');
    registerKernel(c);
  }
}
