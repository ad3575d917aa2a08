import * as tf from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor1D, Tensor3D } from '@tensorflow/tfjs-core';
import { drop, hold, isRecording, isSave, recorded } from '../models/held';

/**
 * Every lane's mean squared error over batch and time: mean((ŷ − y)², axes 1 and 2), [L, B, T] → [L].
 *
 * The gradient is written out rather than left to tfjs: tfjs's Mean gradient builds a tensor of ones
 * the shape of ŷ in JavaScript memory at every step (192 KB a step for the 48 lanes of fig5-alpha1),
 * and in a Chromium worker such buffers are what the heap's ArrayBuffer sweeping spends its time on.
 * Here dŷ = (dy / (B·T)) · (2 · (ŷ − y)): the same float32 operations as tfjs's Mean and
 * SquaredDifference gradients (multiplying by a one is exact, and the division and products are
 * the same ones, broadcast instead of expanded), so the values are bit for bit the same
 * (test/core/train/lane-mse.test.ts). y is data: no gradient flows to it.
 */
export function perLaneMse(yHat: Tensor3D, y: Tensor3D): Tensor1D {
  const [, B, T] = yHat.shape;
  const f = tf.customGrad((...inputs: Array<Tensor | GradSaveFunc>) => {
    const [a] = inputs;
    if (!a || isSave(a)) throw new Error('perLaneMse: expected ŷ');
    const value = tf.mean(tf.squaredDifference(a, y), [1, 2]) as Tensor1D; // [L]
    const kept = isRecording() ? [hold(a as Tensor3D), hold(y)] : [];
    return {
      value,
      gradFunc: (dy: Tensor) => {
        const [sa, sy] = kept as [Tensor3D, Tensor3D];
        const grad = tf.tidy(() => {
          const perLane = tf.div(tf.reshape(dy, [dy.size, 1, 1]), B * T); // [L, 1, 1]
          return tf.mul(perLane, tf.mul(tf.scalar(2), tf.sub(sa, sy))); // [L, B, T]
        });
        drop(kept);
        return grad;
      },
    };
  });
  return recorded(() => f(yHat) as Tensor1D);
}
