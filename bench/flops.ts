/**
 * FLOPs of the matrix products in one training step of the Fig. 5 Transformer lanes (eq. 5), counted
 * analytically from the model's shapes, and the same count read back from a tf.profile of a real step
 * (a cross-check that the formula describes what runs).
 *
 * A product [M×K]·[K×N] costs 2·M·K·N FLOPs. Its backward pass computes dA = dY·Bᵀ and dB = Aᵀ·dY,
 * 2·M·K·N each, so 2× the forward cost; the first layer of f̂ skips dA (its input is data:
 * src/core/models/mlp.ts passes inputGrad=false), so its backward is 1× the forward. Per lane, with
 * R = B·τ token rows and M_pad = the largest m_h of the run (every lane is padded to it and the
 * extra heads are masked, src/core/models/transformer.ts), W = 2·M_pad + m_v:
 *   f̂  (d_in → m_FF → … → n):   Σ_layers 2·R·d_i·d_{i+1}  forward, ×2 backward (×1 for layer 0)
 *   W_QKV (n → W):              2·R·n·W                   forward, ×2 backward
 *   S = Q·Kᵀ (per sequence):    2·B·τ·τ·M_pad             forward, ×2 backward
 *   softmax(S)·V:               2·B·τ·τ·m_v               forward, ×2 backward
 *   F̂  (m_v → m_FF → … → 1):    Σ_layers 2·R·d_i·d_{i+1}  forward, ×2 backward
 * and the step total is L (lanes) times that. Elementwise work (bias, ReLU, softmax, Adam) is not
 * counted, so GFLOP/s = matmul FLOPs / step time understates the arithmetic a little and says how
 * well the step uses the machine's matmul throughput.
 */
import type { ExperimentConfig } from '../src/core/config/types';
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
export function analyticStepFlops(c: ExperimentConfig, laneHeads: readonly number[]): FlopBreakdown {
  if (c.fixedFeatures) throw new Error('analyticStepFlops: the bench models the free Transformer only');
  const B = c.batch;
  const T = c.tau;
  const R = B * T;
  const L = laneHeads.length;
  const mPad = Math.max(...laneHeads);
  const W = 2 * mPad + c.mV;
  const dIn = 1 + (c.pe === 'onehot' || (c.pe === 'auto' && c.target === 'memory') ? T : 0);
  let fwd = 0;
  let bwd = 0;
  mlpDims(dIn, c.mFF, c.n, c.depth).forEach((d, i, dims) => {
    const next = dims[i + 1];
    if (next === undefined) return;
    const f = 2 * R * d * next;
    fwd += f;
    bwd += i === 0 ? f : 2 * f; // layer 0 of f̂: dW only
  });
  const products = [
    2 * R * c.n * W, // [q k v] = h·W_QKV
    2 * B * T * T * mPad, // S = Q·Kᵀ
    2 * B * T * T * c.mV, // softmax(S)·V
  ];
  mlpDims(c.mV, c.mFF, 1, c.depth).forEach((d, i, dims) => {
    const next = dims[i + 1];
    if (next !== undefined) products.push(2 * R * d * next);
  });
  for (const f of products) {
    fwd += f;
    bwd += 2 * f;
  }
  return { forward: L * fwd, backward: L * bwd, total: L * (fwd + bwd) };
}

const MATMUL_KERNELS = new Set(['BatchMatMul', '_FusedMatMul']);

/**
 * Matmul FLOPs of the profiled kernels, from their shapes: output [..., M, N] and input a holding
 * M·K numbers per batch entry, so K = (a's last two dims) / M whatever the transpose flags.
 */
export function profiledMatmulFlops(kernels: readonly KernelRecord[]): number {
  let total = 0;
  for (const k of kernels) {
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
