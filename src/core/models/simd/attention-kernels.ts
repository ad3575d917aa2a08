/** One lane's attention layer on the backend's memory: its logits, and its whole backward (../attention.ts). */
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { backendExports, F32, longSum, TFJS_SLOW_BLOCK } from './module';
import type { KernelArgs } from './module';

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
export function attentionKernel({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
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
export function attentionGradKernel({ inputs, attrs, backend }: KernelArgs): TensorInfo[] {
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
