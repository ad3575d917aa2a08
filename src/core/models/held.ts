import * as tf from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs-core';

/**
 * Tensors a custom gradient reads in the backward pass. The engine's `save` clones each tensor, and
 * on wasm a clone is a full copy (an Identity kernel, ~25 a step here); a reshape to the same shape
 * is a second handle on the same buffer at no cost. A handle is kept past the forward pass's tidy
 * and disposed by the gradient that reads it, or by releaseBackwardTensors() when no gradient ran.
 */
const held = new Set<Tensor>();
/** Whether the op being built is recorded for a gradient (read before entering the custom op). */
let recording = false;

/** A same-buffer handle on `t` for the backward pass. */
export function hold<T extends Tensor>(t: T): T {
  const h = tf.keep(tf.reshape(t, t.shape)) as T;
  held.add(h);
  return h;
}

/** Dispose handles made by hold() (a gradient calls it once it has read them). */
export function drop(ts: readonly Tensor[]): void {
  for (const t of ts) {
    held.delete(t);
    t.dispose();
  }
}

/** Dispose the handles of any recorded op whose gradient never ran; returns how many there were. */
export function releaseBackwardTensors(): number {
  const n = held.size;
  drop([...held]);
  return n;
}

/** Whether the custom op being run by recorded() will have its gradient taken. */
export function isRecording(): boolean {
  return recording;
}

/** Run a custom op, telling it (isRecording) whether its gradient will be taken. */
export function recorded<T>(op: () => T): T {
  recording = tf.engine().isTapeOn();
  try {
    return op();
  } finally {
    recording = false;
  }
}

/** customGrad passes its inputs followed by a save function: tell them apart. */
export function isSave(f: Tensor | GradSaveFunc): f is GradSaveFunc {
  return typeof f === 'function';
}
