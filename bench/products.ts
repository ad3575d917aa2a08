/**
 * `--cases products`: the two calls of one 128-wide dense layer of the Fig. 5 model (x [1024, 128]:
 * batch 64 × τ 16 tokens, W [128, 128]) on the wasm backend's kernels, beside the same work in
 * 1-thread PyTorch (bench/peer/torch_products.py) when --peer is given:
 *   forward   y = relu(x·W + b)                                   RankscopeDense
 *   backward  dz = dy·step(y), dW = xᵀ·dz, db = Σ_rows dz, dX = dz·Wᵀ   RankscopeDenseGrad
 * Products are most of a training step, and this is their rate without the rest of the step: the
 * kernels sum every value in k order with a multiply and an add (no fused multiply-add, 4 lanes),
 * as tfjs's own ops do, where PyTorch's (MKL) use fused multiply-adds on 8 or 16 lanes (AVX2 or
 * AVX-512, where the CPU has them). `npm run bench:peak` gives WebAssembly's own ceiling.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { denseBackward, denseForward, simdAvailable } from '../src/core/models/simd/kernels';
import { median } from './stats';

const ROWS = 1024;
const WIDTH = 128;
const REPS = 50;
const ROUNDS = 15;

export interface ProductTiming {
  readonly name: 'forward' | 'backward';
  readonly side: 'tfjs wasm' | 'torch 1T';
  readonly msMedian: number;
  readonly msMin: number;
  /** Matmul FLOPs / least time. */
  readonly gflops: number;
}

const FORWARD_FLOPS = 2 * ROWS * WIDTH * WIDTH;

function timeCall(f: () => void): { med: number; least: number } {
  for (let i = 0; i < REPS; i++) f();
  const perCall: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    for (let i = 0; i < REPS; i++) f();
    perCall.push((performance.now() - t) / REPS);
  }
  return { med: median(perCall), least: Math.min(...perCall) };
}

/** The two calls on the current backend's Rankscope kernels (wasm with SIMD only). */
export function measureProducts(): ProductTiming[] {
  if (!simdAvailable()) throw new Error('products case: needs the wasm backend with its SIMD kernels (--backends wasm)');
  const [x, w, b, dy] = tf.tidy(() => [
    tf.randomUniform([ROWS, WIDTH], -0.5, 0.5, 'float32', 1), // x [rows, in]
    tf.randomUniform([WIDTH, WIDTH], -0.5, 0.5, 'float32', 2), // W [in, out]
    tf.randomUniform([1, WIDTH], -0.5, 0.5, 'float32', 3), // b [1, out]
    tf.randomUniform([ROWS, WIDTH], -0.5, 0.5, 'float32', 4), // dy [rows, out]
  ]) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const y = denseForward(x, w, b, true); // [rows, out]
  try {
    const forward = timeCall(() => denseForward(x, w, b, true).dispose());
    const backward = timeCall(() => {
      for (const g of denseBackward(x, w, y, dy, true, true)) g.dispose();
    });
    return [
      { name: 'forward', side: 'tfjs wasm', msMedian: forward.med, msMin: forward.least, gflops: FORWARD_FLOPS / (forward.least * 1e6) },
      { name: 'backward', side: 'tfjs wasm', msMedian: backward.med, msMin: backward.least, gflops: (2 * FORWARD_FLOPS) / (backward.least * 1e6) },
    ];
  } finally {
    tf.dispose([x, w, b, dy, y]);
  }
}

interface PeerLine {
  readonly name: string;
  readonly ms_median: number;
  readonly ms_min: number;
  readonly gflops: number;
}

function isPeerLine(v: unknown): v is PeerLine {
  return typeof v === 'object' && v !== null && 'name' in v && 'ms_median' in v && 'ms_min' in v && 'gflops' in v;
}

const script = resolve(dirname(fileURLToPath(import.meta.url)), 'peer/torch_products.py');

/** The same two calls in 1-thread PyTorch; a reason string when it cannot run. */
export function peerProducts(): ProductTiming[] | string {
  const run = spawnSync('python3', [script, '--threads', '1', '--rows', String(ROWS), '--width', String(WIDTH)], { encoding: 'utf8', timeout: 300_000 });
  if (run.error || run.status !== 0) return `python3 ${script} failed: ${run.error?.message ?? run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`}`;
  const out: ProductTiming[] = [];
  for (const line of run.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const v: unknown = JSON.parse(line);
    if (isPeerLine(v) && (v.name === 'forward' || v.name === 'backward')) {
      out.push({ name: v.name, side: 'torch 1T', msMedian: v.ms_median, msMin: v.ms_min, gflops: v.gflops });
    }
  }
  return out.length === 2 ? out : `python3 ${script} printed ${out.length} of 2 result lines`;
}
