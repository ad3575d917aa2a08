import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { Activation } from '../config/types';
import type { LaneLayout } from './layout';
import { dense2d, denseBatched, mm2d, activate } from './ops';
import type { LaneParam } from './params';

/**
 * One dense layer for every lane: h [L or 1, rows, in] (1 = an input shared by all lanes) times the
 * lane-stacked w [L, in, out] (+ b [L, 1, out]) → [L, rows, out]. The split layout runs one plain
 * 2-D product per lane; the batched layout one product over the lane axis.
 */
export function laneDense(
  h: Tensor, // [L | 1, rows, in]
  w: LaneParam,
  b: LaneParam | null,
  act: Activation | null,
  layout: LaneLayout,
  inputGrad: boolean,
): Tensor3D {
  const L = w.variable.shape[0] as number;
  const rows = h.shape[1] as number;
  const inDim = h.shape[2] as number;
  if (layout === 'batched' && L > 1) {
    const hL = h.shape[0] === L ? h : tf.tile(h, [L, 1, 1]); // [L, rows, in]
    if (b) return denseBatched(hL, w.variable, b.variable, act) as Tensor3D;
    const z = tf.matMul(hL as Tensor3D, w.variable as Tensor3D); // [L, rows, out]
    return (act === null ? z : activate(z, act)) as Tensor3D;
  }
  const ws = L === 1 ? [tf.reshape(w.variable, w.variable.shape.slice(1) as [number, number]) as Tensor2D] : (tf.unstack(w.variable) as Tensor2D[]);
  const bs = b === null ? null : L === 1 ? [tf.reshape(b.variable, b.variable.shape.slice(1) as [number, number]) as Tensor2D] : (tf.unstack(b.variable) as Tensor2D[]);
  const shared = h.shape[0] === 1 ? (tf.reshape(h, [rows, inDim]) as Tensor2D) : null;
  const hs = shared ? null : (tf.unstack(h) as Tensor2D[]);
  const out = ws.map((wl, l) => {
    const hl = shared ?? (hs?.[l] as Tensor2D); // [rows, in]
    if (bs) return dense2d(hl, wl, bs[l] as Tensor2D, act, inputGrad); // [rows, out]
    const z = mm2d(hl, wl);
    return (act === null ? z : activate(z, act)) as Tensor2D;
  });
  return (L === 1 ? tf.reshape(out[0] as Tensor2D, [1, rows, -1]) : tf.stack(out)) as Tensor3D;
}
