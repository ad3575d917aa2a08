/**
 * The memory a run's tensors need on one worker (docs/cost-model.md): what lives for the whole run
 * (parameters and Adam's two moments) plus the largest of the transient peaks — one training step
 * (activations kept for the backward pass, gradients), one evaluation chunk, one logit read for the
 * spectra. Counts are float32 values; the coefficients (how many [tokens × width] copies a layer
 * keeps) were measured with tf.profile's peakBytes on a real step in Node, wasm and cpu
 * (test/core/cost/memory.test.ts checks the estimate against the same measurement).
 */
import type { Activation, ExperimentConfig } from '../config/types';
import { fixedFeatureDim, fixedFeaturesApply, resolvePE } from '../train/features';
import { headCapacity } from '../train/plan';
import type { Lane } from '../train/plan';
import { inputWidth, laneParams } from './params';

const FLOAT = 4;

/**
 * Which kernels run the step: 'wasm' — Rankscope's own SIMD kernels (fused dense layers, one
 * attention op), lane by lane; 'tfjs' — tfjs's own ops (the cpu backend; WebGL and WebGPU, lanes
 * batched), which keep more copies.
 */
export type KernelFamily = 'wasm' | 'tfjs';

export const kernelFamily = (backend: string): KernelFamily => (backend === 'wasm' ? 'wasm' : 'tfjs');

/** Copies of each MLP hidden layer [tokens, m_FF] alive at a step's peak, by activation. */
const STEP_HIDDEN: Record<KernelFamily, Record<Activation, number>> = {
  wasm: { relu: 3.2, tanh: 5.2, gelu: 23.5 },
  tfjs: { relu: 4.4, tanh: 5.4, gelu: 24 },
};
/** The same in a forward pass without gradients (evaluation, logits). */
const EVAL_HIDDEN: Record<KernelFamily, Record<Activation, number>> = {
  wasm: { relu: 1.1, tanh: 2.1, gelu: 9.2 },
  tfjs: { relu: 1.6, tanh: 2.4, gelu: 9.5 },
};
/** Copies of the attention's [B, τ, τ] a step keeps at its peak (S, softmax(S), their gradients). */
const STEP_ATTENTION: Record<KernelFamily, number> = { wasm: 3.4, tfjs: 6.2 };
/** Sequences per evaluation chunk (core/train/eval-set.ts) and per logit read (core/results/spectra.ts). */
const EVAL_CHUNK = 256;
const LOGIT_SEQUENCES = 128;

/** Bytes, by part; `peak` = `persistent` + the largest transient. */
export interface MemoryEstimate {
  /** Parameters. */
  readonly params: number;
  /** Adam's first and second moments. */
  readonly adam: number;
  /** One training step: kept activations, their gradients, the weight gradients. */
  readonly step: number;
  /** One evaluation chunk (forward only, every lane). */
  readonly evaluation: number;
  /** One logit read for the spectra (Transformer lanes). */
  readonly logits: number;
  readonly persistent: number;
  readonly peak: number;
  /** The largest single tensor (WebGPU's buffer limits apply to it). */
  readonly largestTensor: number;
}

/** Width of an added position encoding (learned or sinusoidal, added to h after f̂), else 0. */
const addedPE = (c: ExperimentConfig): number => (resolvePE(c) === 'learned' || resolvePE(c) === 'sin' ? c.n : 0);

/**
 * Values per token every fixed-feature Transformer lane reads from one shared tensor: the features
 * [tokens, F] of the batch and what the step derives from them once (F = modes (×2) + 1).
 */
function sharedPerToken(c: ExperimentConfig, k: KernelFamily, pass: 'step' | 'eval'): number {
  if (!fixedFeaturesApply(c)) return 0;
  const copies = pass === 'eval' ? 2.2 : k === 'wasm' ? 4.2 : 13;
  return copies * fixedFeatureDim(c);
}

/** Values per token a Transformer lane keeps in a step (hidden copies × widths, plus the rest). */
function transformerStepPerToken(c: ExperimentConfig, mH: number, k: KernelFamily): number {
  if (fixedFeaturesApply(c)) return 2.2 * mH + 1.0 * c.tau + fixedFeatureDim(c) + 12; // the gradient of h; + the shared features (sharedPerToken)
  const hidden = 2 * (c.depth - 1) * c.mFF;
  // The MLPs' peak and the attention's (S, softmax(S) and their gradients, τ per token) do not coincide.
  const peak = Math.max(STEP_HIDDEN[k][c.act] * hidden, STEP_ATTENTION[k] * c.tau);
  return peak + 3.2 * (c.n + c.mV) + 2.2 * mH + 4.2 * inputWidth(c) + 3 * addedPE(c) + 8;
}

function transformerEvalPerToken(c: ExperimentConfig, mH: number, k: KernelFamily): number {
  if (fixedFeaturesApply(c)) return mH + 0.25 * c.tau + 4; // + the shared features (sharedPerToken)
  const hidden = 2 * (c.depth - 1) * c.mFF;
  const peak = Math.max(EVAL_HIDDEN[k][c.act] * hidden, 2.3 * c.tau);
  return peak + 1.2 * (c.n + c.mV) + 2 * mH + inputWidth(c) + 1.5 * addedPE(c) + 8;
}

const log2ceil = (x: number): number => Math.max(1, Math.ceil(Math.log2(Math.max(2, x))));

/**
 * Parameter-sized values a step keeps besides the weights: their gradients, and with tfjs's own Adam
 * (not the fused wasm kernel) the update's temporaries (g², the new moments, their quotient, …).
 */
const STEP_PER_PARAM: Record<KernelFamily, number> = { wasm: 4, tfjs: 15 };
/** Parameter-sized values a forward pass keeps (tfjs.s own dense layers copy some of their weights). */
const FORWARD_PER_PARAM: Record<KernelFamily, number> = { wasm: 0, tfjs: 0.5 };

/** Values one lane keeps in a training step over `tokens` = batch × τ tokens. */
function laneStep(c: ExperimentConfig, lane: Lane, P: number, k: KernelFamily): number {
  const tokens = c.batch * c.tau;
  const perParam = STEP_PER_PARAM[k] * P;
  if (lane.model === 'rnn') {
    const H = c.rnnHidden;
    // Linear: the convolution's powers W^(2^j) and their gradients, a Toeplitz product per sequence; tanh: τ steps of [B, H].
    return (c.rnnAct === 'linear' ? 2 * H * H * log2ceil(c.tau) + tokens * (c.tau + 4) : tokens * 18 * H) + perParam;
  }
  return tokens * transformerStepPerToken(c, lane.mH, k) + perParam;
}

function laneEval(c: ExperimentConfig, lane: Lane, k: KernelFamily): number {
  const tokens = Math.min(EVAL_CHUNK, c.evalSize) * c.tau;
  if (lane.model === 'rnn') {
    const H = c.rnnHidden;
    return c.rnnAct === 'linear' ? H * H * log2ceil(c.tau) + tokens * (c.tau + 4) : tokens * 9 * H;
  }
  return tokens * transformerEvalPerToken(c, lane.mH, k);
}

/** The widest [rows, width] tensor of a lane's step, with `stack` lanes side by side (batched layout). */
function largestTensor(c: ExperimentConfig, lanes: readonly Lane[], batched: boolean): number {
  const tokens = Math.max(c.batch, Math.min(EVAL_CHUNK, c.evalSize)) * c.tau;
  const transformers = lanes.filter((l) => l.model === 'transformer').length;
  const rnns = lanes.length - transformers;
  const width = Math.max(c.mFF, c.n, c.mV, inputWidth(c), c.tau);
  const t = transformers > 0 ? (batched ? transformers : 1) * tokens * width : 0;
  const r = rnns > 0 ? (batched ? rnns : 1) * tokens * (c.rnnAct === 'linear' ? c.tau : c.rnnHidden) : 0;
  return FLOAT * Math.max(t, r);
}

/**
 * Memory of the lanes `lanes` (a worker's group, or the whole run) of a run whose plan lists
 * `runLanes`, on a backend of kernel family `k` (`batched`: the GPU layout, one tensor over lanes).
 */
export function estimateMemory(
  c: ExperimentConfig,
  runLanes: readonly Lane[],
  lanes: readonly Lane[],
  k: KernelFamily,
  batched = false,
): MemoryEstimate {
  const M = headCapacity(runLanes);
  const P = lanes.reduce((n, l) => n + laneParams(c, l, M), 0);
  const transformers = lanes.filter((l) => l.model === 'transformer');
  const any = transformers.length > 0 ? 1 : 0;
  const evalTokens = Math.min(EVAL_CHUNK, c.evalSize) * c.tau;
  const count = Math.min(LOGIT_SEQUENCES, c.evalSize);
  const step = lanes.reduce((n, l) => n + laneStep(c, l, laneParams(c, l, M), k), any * c.batch * c.tau * sharedPerToken(c, k, 'step'));
  const forwardParams = FORWARD_PER_PARAM[k] * P;
  const evaluation = lanes.reduce((n, l) => n + laneEval(c, l, k), forwardParams + any * evalTokens * sharedPerToken(c, k, 'eval'));
  // S for every lane, stacked once more; the forward pass of the sequences read, which keeps v and o.
  const logits = transformers.reduce(
    (n, l) => n + count * c.tau * ((fixedFeaturesApply(c) ? 3.4 * c.tau : 2.3 * c.tau + 1.5 * c.mV) + transformerEvalPerToken(c, l.mH, k)),
    forwardParams + any * count * c.tau * sharedPerToken(c, k, 'eval'),
  );
  const persistent = FLOAT * 3 * P;
  const peakTransient = FLOAT * Math.max(step, evaluation, logits);
  return {
    params: FLOAT * P,
    adam: FLOAT * 2 * P,
    step: FLOAT * step,
    evaluation: FLOAT * evaluation,
    logits: FLOAT * logits,
    persistent,
    peak: persistent + peakTransient,
    largestTensor: largestTensor(c, lanes, batched),
  };
}
