/**
 * Parameter counts of one lane, from the config alone: the sizes of the variables
 * core/models builds (TransformerLanes, RnnLanes), without building them. Tests compare them with
 * the real models' trainable variables.
 */
import type { ExperimentConfig } from '../config/types';
import { fixedFeatureDim, fixedFeaturesApply, resolvePE } from '../train/features';
import type { Lane } from '../train/plan';

/** Weights and biases of a `depth`-layer MLP in → mFF → … → out. */
export function mlpParams(inDim: number, mFF: number, outDim: number, depth: number): number {
  const dims = [inDim, ...Array.from({ length: depth - 1 }, () => mFF), outDim];
  let n = 0;
  for (let i = 0; i < depth; i++) n += (dims[i] as number) * (dims[i + 1] as number) + (dims[i + 1] as number);
  return n;
}

/** Input width of f̂: x, with the one-hot position when pe resolves to onehot. */
export const inputWidth = (c: ExperimentConfig): number => 1 + (resolvePE(c) === 'onehot' ? c.tau : 0);

/** Trainable values of one Transformer lane whose W_QKV holds `M` heads. */
export function transformerParams(c: ExperimentConfig, M: number): number {
  if (fixedFeaturesApply(c)) return fixedFeatureDim(c) * 2 * M;
  const f = mlpParams(inputWidth(c), c.mFF, c.n, c.depth);
  const g = mlpParams(c.mV, c.mFF, 1, c.depth);
  const pe = resolvePE(c) === 'learned' ? c.tau * c.n : 0;
  return f + c.n * (2 * M + c.mV) + pe + g;
}

/** Trainable values of one RNN lane: W [H, H], U, b [1, H], c [H, 1], c₀. */
export const rnnParams = (c: ExperimentConfig): number => c.rnnHidden * c.rnnHidden + 3 * c.rnnHidden + 1;

/** Trainable values of `lane` in a run whose Transformer lanes hold M heads. */
export const laneParams = (c: ExperimentConfig, lane: Lane, M: number): number =>
  lane.model === 'rnn' ? rnnParams(c) : transformerParams(c, M);
