/** What the worker says about a failure, and the backend limits its memory check needs. */
import * as tf from '@tensorflow/tfjs-core';
import type { GpuBufferLimits } from '../core/cost';

/** How tfjs-wasm fails when its heap cannot grow: an abort in Node, a typed-array error in Chromium. */
const OUT_OF_MEMORY = /Aborted|memory access out of bounds|Invalid typed array length|Array buffer allocation failed|Cannot enlarge memory|out of memory/i;

/** An error's name and message (a wasm RuntimeError's name says what it is), and what it means when it is an out-of-memory. */
export function describe(err: unknown): string {
  const text = !(err instanceof Error)
    ? String(err)
    : err.name && err.name !== 'Error' && !err.message.startsWith(err.name)
      ? `${err.name}: ${err.message}`
      : err.message;
  return OUT_OF_MEMORY.test(text) ? `${text} (the backend ran out of memory)` : text;
}

/** The WebGPU device's buffer limits, when tfjs runs on WebGPU (its backend keeps the device). */
export function gpuLimits(): GpuBufferLimits | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as { device?: { limits?: GpuBufferLimits } };
  return backend.device?.limits ?? null;
}

/**
 * Fault injection for tests: allocate tensors until the backend really runs out of memory (a real
 * wasm abort, not a simulated one); returns the error it threw. The tensors are left as they are:
 * the worker reports a fatal error and is replaced.
 */
export function exhaustMemory(): unknown {
  const held: tf.Tensor[] = [];
  try {
    for (;;) held.push(tf.fill([64 * 2 ** 20], 1)); // 256 MB at a time
  } catch (err) {
    return err;
  }
}
