/**
 * The text (WAT) of Rankscope's own WebAssembly SIMD kernels, which run on the tfjs wasm backend's
 * memory (./kernels.ts). Generated here so the tiles stay regular; `npm run build:simd` assembles it
 * into ./binary.ts (test/core/models/simd.test.ts checks that the two agree).
 *
 * Every kernel computes each output value with the same float32 operations in the same order as the
 * tfjs kernels it stands in for, so results are bit-identical:
 * - bmm: batched products out[q] = op(A[q])·op(B[q]). Each output is Σ_k a·b summed in k order in
 *   blocks of `kb` terms, each block from 0, the blocks added in order to 0 — tfjs-wasm's scalar
 *   batched product uses kb = 48 (transposed or batched operands), its XNNPACK product a single
 *   sequential sum (kb ≥ K). SIMD lanes run over output columns, never over k. With a bias (one
 *   block) the sum starts at the bias, and relu clamps as XNNPACK does: its fused dense layer. With
 *   `cont` (one block) the sums continue from out's values: a long sum split into calls over chunks
 *   of k (cache blocking) stays one sequential sum.
 * - transpose: dst[q][c][r] = src[q][r][c] (bit copies), to give bmm a B with contiguous columns.
 * - reluGrad, colSum: a relu layer's dz = dy·step(y) and its bias gradient Σ_rows dz (./kernels.ts).
 * - scale, addTo, fill0, softmaxGrad: the attention layer's elementwise steps (./kernels.ts).
 * - adam: p ← p − (m₁·lr)/(√(v₁·c₂) + ε), m₁ = m·β₁ + g·(1−β₁), v₁ = v·β₂ + g²·(1−β₂), as ../adam.ts's
 *   ops compute it.
 */
import { ADD_TO, adam, COL_SUM, FILL0, RELU_GRAD, SCALE, SOFTMAX_GRAD } from './wat-elementwise';
import { bmm, rowBlock, tile, TILE_COLS, TILE_ROWS, TRANSPOSE } from './wat-products';

/** The whole module: it imports the tfjs wasm backend's memory as env.memory. */
export function simdWat(): string {
  const parts = ['(module', '(import "env" "memory" (memory 1))'];
  for (const R of TILE_ROWS) for (const C of TILE_COLS) parts.push(tile(R, C));
  for (const R of TILE_ROWS) parts.push(rowBlock(R));
  parts.push(bmm(), TRANSPOSE, adam(), RELU_GRAD, COL_SUM, SCALE, ADD_TO, FILL0, SOFTMAX_GRAD, ')');
  return `${parts.join('\n')}\n`;
}
