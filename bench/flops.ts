/**
 * FLOPs of the matrix products in one training step of the Fig. 5 Transformer lanes (eq. 5), counted
 * analytically from the model's shapes, and the same count read back from a tf.profile of a real step
 * (a cross-check that the formula describes what runs).
 *
 * A product [M×K]·[K×N] costs 2·M·K·N FLOPs. Its backward pass computes dA = dY·Bᵀ and dB = Aᵀ·dY,
 * 2·M·K·N each, so 2× the forward cost; the first layer of f̂ skips dA (its input is data:
 * src/core/models/mlp.ts passes inputGrad=false), so its backward is 1× the forward. A dense layer's
 * bias gradient is, in the split layout, a product with a ones vector (src/core/models/ops.ts: faster
 * than a Sum on wasm; a column sum in the wasm SIMD kernel, counted the same), 2·R·d_out more; in the
 * batched layout (webgpu) it is a Sum, not counted. Per lane, with R = B·τ token rows, the lane's head
 * count M (its own m_h in the split layout; the run's largest m_h in the batched layout, whose extra
 * heads are masked) and W = 2·M + m_v:
 *   f̂  (d_in → m_FF → … → n):   Σ_layers 2·R·d_i·d_{i+1}  forward, ×2 backward (×1 for layer 0), + 2·R·d_{i+1} bias
 *   W_QKV (n → W):              2·R·n·W                   forward, ×2 backward
 *   S = Q·Kᵀ (per sequence):    2·B·τ·τ·M                 forward, ×2 backward
 *   softmax(S)·V:               2·B·τ·τ·m_v               forward, ×2 backward
 *   F̂  (m_v → m_FF → … → 1):    Σ_layers 2·R·d_i·d_{i+1}  forward, ×2 backward, + 2·R·d_{i+1} bias
 * and the step total is the sum over lanes. Elementwise work (bias add, ReLU, softmax, Adam) is not
 * counted, so GFLOP/s = matmul FLOPs / step time understates the arithmetic a little and says how
 * well the step uses the machine's matmul throughput.
 */
import type { ExperimentConfig } from '../src/core/config/types';
import type { LaneLayout } from '../src/core/models/layout';
import type { KernelRecord } from './profile';

export interface FlopBreakdown {
  readonly forward: number;
  readonly backward: number;
  readonly total: number;
}

/** Layer widths of a depth-layer MLP in → mFF → … → out. */
function mlpDims(inDim: number, mFF: number, outDim: number, depth: number): number[] {
  return [inDim, ...Array.from({ length: depth - 1 }, () => mFF), outDim];
}

/** Analytic matmul FLOPs of one training step of every lane of `c` (free f̂ and F̂; see the header). */
export function analyticStepFlops(c: ExperimentConfig, laneHeads: readonly number[], layout: LaneLayout): FlopBreakdown {
  if (c.fixedFeatures) throw new Error('analyticStepFlops: the bench models the free Transformer only');
  const B = c.batch;
  const T = c.tau;
  const R = B * T;
  const mPad = Math.max(...laneHeads);
  const dIn = 1 + (c.pe === 'onehot' || (c.pe === 'auto' && c.target === 'memory') ? T : 0);
  let fwd = 0;
  let bwd = 0;
  // The split layout's bias gradient is a product with a ones vector; the batched layout's is a Sum.
  const bias = (dOut: number): number => (layout === 'split' ? 2 * R * dOut : 0);
  for (const mLane of laneHeads) {
    const M = layout === 'split' ? mLane : mPad;
    mlpDims(dIn, c.mFF, c.n, c.depth).forEach((d, i, dims) => {
      const next = dims[i + 1];
      if (next === undefined) return;
      const f = 2 * R * d * next;
      fwd += f;
      bwd += (i === 0 ? f : 2 * f) + bias(next); // layer 0 of f̂: dW only; + the bias product
    });
    const products = [
      2 * R * c.n * (2 * M + c.mV), // [q k v] = h·W_QKV
      2 * B * T * T * M, // S = Q·Kᵀ
      2 * B * T * T * c.mV, // softmax(S)·V
    ];
    for (const f of products) {
      fwd += f;
      bwd += 2 * f;
    }
    mlpDims(c.mV, c.mFF, 1, c.depth).forEach((d, i, dims) => {
      const next = dims[i + 1];
      if (next === undefined) return;
      const f = 2 * R * d * next;
      fwd += f;
      bwd += 2 * f + bias(next);
    });
  }
  return { forward: fwd, backward: bwd, total: fwd + bwd };
}

const MATMUL_KERNELS = new Set(['BatchMatMul', '_FusedMatMul', 'RankscopeBatchMatMul', 'RankscopeDense']);

/**
 * Matmul FLOPs of the profiled kernels, from their shapes: output [..., M, N] and input a holding
 * M·K numbers per batch entry, so K = (a's last two dims) / M whatever the transpose flags. A dense
 * layer's gradient kernel (RankscopeDenseGrad, wasm: x [rows, in], w [in, out]) counts dw, dx when it
 * outputs one (three outputs), and its bias gradient — a column sum there — as the ones product the
 * analytic count assumes (2·rows·out).
 */
/**
 * The products inside one lane's attention kernels (src/core/models/simd/attention-kernels.ts), from
 * their shapes. Logits: h [R, n] times W's q, k (and v) column blocks, then S = q·kᵀ per sequence.
 * Gradient: dA = dO·vᵀ and dv = Aᵀ·dO, dq = dS·k and dk = dSᵀ·q per sequence, then dW's blocks
 * hᵀ·(dq, dk, dv) and dh from the same blocks; W holds W_V when the kernel returns no dv of its own.
 */
function attentionKernelFlops(k: KernelRecord): number {
  if (k.name === 'RankscopeAttentionLogits') {
    const [rows = 0, n = 0] = k.inputShapes[0] ?? []; // h
    const q = k.outputShapes[0] ?? [];
    const [B = 0, T = 0, mH = 0] = q;
    const widths = k.outputShapes.slice(0, -1).map((s) => s[2] ?? 0);
    return 2 * rows * n * widths.reduce((a, w) => a + w, 0) + 2 * B * T * T * mH;
  }
  // inputs dy, h, W, q, k, v, A
  const [B = 0, T = 0, mH = 0] = k.inputShapes[3] ?? [];
  const mV = k.inputShapes[5]?.[2] ?? 0;
  const [hRows = 0, hDim = 0] = k.inputShapes[1] ?? [];
  const hasV = k.outputShapes.length === 2;
  const projected = 2 * mH + (hasV ? mV : 0);
  return 2 * (2 * B * T * T * mV) + 2 * (2 * B * T * T * mH) + 2 * (2 * hRows * hDim * projected);
}

export function profiledMatmulFlops(kernels: readonly KernelRecord[]): number {
  let total = 0;
  for (const k of kernels) {
    if (k.name === 'RankscopeDenseGrad') {
      const [x, w] = k.inputShapes;
      if (!x || !w) continue;
      const [rows = 0, inDim = 0] = x;
      const out = w[1] ?? 0;
      total += 2 * rows * inDim * out * (k.outputShapes.length === 3 ? 2 : 1) + 2 * rows * out;
      continue;
    }
    if (k.name === 'RankscopeAttentionLogits' || k.name === 'RankscopeAttentionGrad') {
      total += attentionKernelFlops(k);
      continue;
    }
    if (!MATMUL_KERNELS.has(k.name)) continue;
    const a = k.inputShapes[0];
    const out = k.outputShapes[0];
    if (!a || !out || a.length < 2 || out.length < 2) continue;
    const M = out[out.length - 2] as number;
    const N = out[out.length - 1] as number;
    const batch = out.slice(0, -2).reduce((p, d) => p * d, 1);
    const K = ((a[a.length - 2] as number) * (a[a.length - 1] as number)) / M;
    total += 2 * batch * M * N * K;
  }
  return total;
}
