/**
 * The work of a run in floating-point operations (docs/cost-model.md): the matrix products of one
 * training step (forward, and backward at twice the forward, as bench/flops.ts counts them for the
 * Transformer), one evaluation of the evaluation set, and the spectra's SVDs; elementwise work is
 * left out. A product [M×K]·[K×N] costs 2·M·K·N.
 */
import type { ExperimentConfig } from '../config/types';
import { headCapacity } from '../train/plan';
import type { Lane } from '../train/plan';
import { fixedFeatureDim, fixedFeaturesApply } from '../train/features';
import { inputWidth } from './params';

/** Sequences whose logit matrices get two SVDs (raw and row-centred) at every evaluation (core/results/spectra.ts). */
const SPECTRA_SEQUENCES = 128;
/** FLOPs of one SVD of a τ×τ matrix, as a multiple of τ³ (one-sided Jacobi sweeps; a rough figure). */
const SVD_PER_CUBE = 20;

function mlpForward(R: number, dims: readonly number[]): number {
  let f = 0;
  for (let i = 0; i + 1 < dims.length; i++) f += 2 * R * (dims[i] as number) * (dims[i + 1] as number);
  return f;
}

const mlpDims = (inDim: number, mFF: number, outDim: number, depth: number): number[] => [
  inDim,
  ...Array.from({ length: depth - 1 }, () => mFF),
  outDim,
];

/** FLOPs of one Transformer lane's forward pass over B sequences, with M heads computed. */
function transformerForward(c: ExperimentConfig, B: number, M: number): number {
  const T = c.tau;
  const R = B * T;
  if (fixedFeaturesApply(c)) return 2 * R * fixedFeatureDim(c) * 2 * M + 2 * B * T * T * M + 2 * B * T * T;
  return (
    mlpForward(R, mlpDims(inputWidth(c), c.mFF, c.n, c.depth)) +
    2 * R * c.n * (2 * M + c.mV) +
    2 * B * T * T * (M + c.mV) +
    mlpForward(R, mlpDims(c.mV, c.mFF, 1, c.depth))
  );
}

/** FLOPs of one RNN lane's forward pass over B sequences. */
function rnnForward(c: ExperimentConfig, B: number): number {
  const H = c.rnnHidden;
  const T = c.tau;
  if (c.rnnAct === 'tanh') return 2 * B * T * (H * H + 2 * H);
  // The convolution: powers W^(2^j), the kernel's columns, then a Toeplitz product per sequence.
  const doublings = Math.ceil(Math.log2(Math.max(2, T)));
  return 2 * doublings * H * H * H + 4 * T * H * H + 2 * B * T * T;
}

/** A lane's head count in the layout: its own m_h lane by lane ('split'), the run's largest when batched. */
const heads = (lane: Lane, M: number, batched: boolean): number => (batched ? M : lane.mH);

function laneForward(c: ExperimentConfig, lane: Lane, B: number, M: number, batched: boolean): number {
  return lane.model === 'rnn' ? rnnForward(c, B) : transformerForward(c, B, heads(lane, M, batched));
}

export interface WorkEstimate {
  /** FLOPs of one training step (forward + backward ≈ 3× forward). */
  readonly perStep: number;
  /** FLOPs of one evaluation (a forward pass over the evaluation set) and its spectra. */
  readonly perEval: number;
  readonly evaluations: number;
  /** Everything: steps × perStep + evaluations × perEval. */
  readonly total: number;
}

/** The work of training `lanes` (of a run listing `runLanes`) for the config's steps. */
export function estimateWork(c: ExperimentConfig, runLanes: readonly Lane[], lanes: readonly Lane[], batched = false): WorkEstimate {
  const M = headCapacity(runLanes);
  const perStep = lanes.reduce((f, l) => f + 3 * laneForward(c, l, c.batch, M, batched), 0);
  const transformers = lanes.filter((l) => l.model === 'transformer').length;
  const spectra = transformers * 2 * Math.min(SPECTRA_SEQUENCES, c.evalSize) * SVD_PER_CUBE * c.tau ** 3;
  const perEval = lanes.reduce((f, l) => f + laneForward(c, l, c.evalSize, M, batched), 0) + spectra;
  const evaluations = Math.floor(c.steps / c.evalEvery) + (c.steps % c.evalEvery === 0 ? 0 : 1);
  return { perStep, perEval, evaluations, total: c.steps * perStep + evaluations * perEval };
}
