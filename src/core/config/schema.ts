/**
 * The experiment schema: one row per ExperimentConfig field, in URL order (after the tensorflow/
 * playground PROPS table). The UI builds its control panel from these rows; the codec reads and
 * writes share links with them. A bare § number in a hint or comment is a section of docs/model.md,
 * which explains every field and the default chosen where the paper is silent.
 *
 * VERSIONING. A share link stores only the fields that differ from the defaults below, so the
 * defaults are part of the link format: changing a default (or a key, or narrowing a bound) changes
 * what old links mean and REQUIRES bumping CODEC_VERSION (and teaching the decoder the old version,
 * or accepting that old links are refused). Adding a field with a default that reproduces the old
 * behaviour, or widening a bound, does not.
 */
import type { ExperimentConfig } from './types';
import {
  boolField as bool,
  enumField as oneOf,
  floatField as float,
  floatListField as floatList,
  intField as int,
  intListField as intList,
  rankListField as rankList,
  type FieldRow,
} from './fields';

/** The share-link format version written as `v=` and accepted by the decoder. */
export const CODEC_VERSION = 1;

/** Upper bound of list items/ranks/modes, shared so cross-field rules stay satisfiable. */
const MAX_MODES = 128;

export type Schema = { readonly [K in keyof ExperimentConfig]: FieldRow<K> };

export const SCHEMA: Schema = {
  v: int('v', { key: 'v', group: 'experiment', default: CODEC_VERSION, min: 1, max: 1000,
    hint: 'Share-link format version; always written first.' }),
  kind: oneOf('kind', { key: 'kind', group: 'experiment', default: 'single',
    hint: 'What to run: one model, a head-size sweep (Fig. 5), RNN vs Transformer (Tables 2–3), or the exact SVD (App. D.3).',
    options: { single: 'Train one model.', sweep: 'Train one Transformer per head size m_h and fit the rate (Fig. 5, Fig. 1c).',
      compare: 'RNN and Transformer on the original, re-ordered and mixed target (Tables 2–3).',
      exact: 'No training: singular values of ρ before and after mixing (App. D.3).' } }),

  // ---- target (docs/model.md §4) ----
  target: oneOf('target', { key: 'target', group: 'target', default: 'coupling',
    hint: 'Low-rank softmax coupling (§4.1, App. B.2) or linear memory (§4.2, paper §6).',
    options: { coupling: 'y(t) = Σ_s softmax_s(β·ρ(x(t), x(s))) x(s).', memory: 'y(t) = Σ_s ρ(s) x(t−s).' } }),
  tau: int('tau', { key: 'tau', group: 'target', default: 16, min: 2, max: 256, unit: 'steps',
    hint: 'Sequence length τ (paper: 16 for Fig. 5, 32 for Tables 2–3).' }),
  spectrum: oneOf('spectrum', { key: 'spec', group: 'target', default: 'power',
    hint: 'Family of the singular values σ_k of ρ (§4.1).',
    options: { power: 'σ_k = k^(−α) (paper: α = 1 and 0.55).', exp: 'σ_k = e^(−λ(k−1)).', flat: 'σ_k = 1.',
      list: 'σ_k typed in sigmas.' } }),
  alpha: float('alpha', { key: 'alpha', group: 'target', default: 1, min: 0, max: 5,
    hint: 'Power-law exponent α of σ_k = k^(−α); theory predicts error ∝ m_h^(−(2α−1)).' }),
  lambda: float('lambda', { key: 'lambda', group: 'target', default: 0.5, min: 0, max: 10,
    hint: 'Exponential decay λ of σ_k = e^(−λ(k−1)).' }),
  sigmas: floatList('sigmas', { key: 'sigmas', group: 'target', default: [1, 0.5, 0.25], min: 0, max: 100,
    minLength: 0, maxLength: MAX_MODES, hint: 'Singular values σ_1, σ_2, … for the list spectrum.' }),
  ranks: rankList('ranks', { key: 'ranks', group: 'target', default: ['full'], min: 1, max: MAX_MODES,
    minLength: 1, maxLength: 8, hint: 'Target rank r, or full (K modes); a sweep trains each (Fig. 5: 2, 6, full).' }),
  modes: int('modes', { key: 'modes', group: 'target', default: 32, min: 1, max: MAX_MODES,
    hint: 'K: modes kept for a full-rank ρ (the paper does not say; choice 32).' }),
  basis: oneOf('basis', { key: 'basis', group: 'target', default: 'sym',
    hint: 'Basis of ρ: φ_k = √2 sin(2πkx), and ψ_k = φ_k or √2 cos(2πkx).',
    options: { sym: 'ψ_k = φ_k: symmetric ρ (choice).', sincos: 'ψ_k = √2 cos(2πkx).' } }),
  beta: float('beta', { key: 'beta', group: 'target', default: 1, min: 0, max: 100,
    hint: 'Coupling strength β: the target uses β·ρ (paper: 1). Larger β sharpens the softmax.' }),
  rho0: float('rho0', { key: 'rho0', group: 'target', default: 0, min: -100, max: 100,
    hint: 'Constant ρ₀ added to ρ: no effect on a softmax target, but it changes the SVD of ρ (App. D.3).' }),
  kernel: oneOf('kernel', { key: 'kernel', group: 'target', default: 'exp',
    hint: 'Memory kernel ρ(s) of the linear-memory target (§4.2).',
    options: { exp: 'ρ(s) = e^(−decay·s) (Table 2).', random: 'ρ(s) ~ U[0,1], drawn once from the seed (Table 3).',
      power: 'ρ(s) = (s+1)^(−p): slow memory, the RNN’s weak spot.' } }),
  p: float('p', { key: 'p', group: 'target', default: 1, min: 0, max: 10,
    hint: 'Exponent p of the power-law memory ρ(s) = (s+1)^(−p).' }),
  decay: float('decay', { key: 'decay', group: 'target', default: 1, min: 0, max: 10,
    hint: 'Rate of the exponential memory ρ(s) = e^(−decay·s) (paper: 1).' }),

  // ---- alteration (§4.3) ----
  alteration: oneOf('alteration', { key: 'alt', group: 'alteration', default: 'none',
    hint: 'Change the target to H(T(x)); compare always runs all three.',
    options: { none: 'The original target.', order: 'T permutes positions (temporal ordering).',
      mix: 'T is a short convolution (temporal mixing).' } }),
  order: oneOf('order', { key: 'order', group: 'alteration', default: 'swap',
    hint: 'The permutation T used by the ordering alteration.',
    options: { swap: 'Swap the first swapK values with the last swapK (paper: 10).', rotate: 'Rotate by rotateK positions.',
      reverse: 'Reverse time.', random: 'A random permutation drawn from the seed.' } }),
  swapK: int('swapK', { key: 'swapk', group: 'alteration', default: 10, min: 1, max: 128, unit: 'steps',
    hint: 'Swap the first k values with the last k (paper: 10); needs 2k ≤ τ.' }),
  rotateK: int('rotateK', { key: 'rotk', group: 'alteration', default: 1, min: 1, max: 255, unit: 'steps',
    hint: 'Rotate the sequence by k positions; needs k < τ.' }),
  mixLen: int('mixLen', { key: 'mixlen', group: 'alteration', default: 5, min: 1, max: 64, unit: 'steps',
    hint: 'Filter length l of the mixing convolution (paper: 5); needs l ≤ τ.' }),
  mixDir: oneOf('mixDir', { key: 'mixdir', group: 'alteration', default: 'causal',
    hint: 'Direction of the mixing convolution (the paper writes x(t+j); its RNN numbers fit causal).',
    options: { causal: 'Σ_j θ(j) x(t−j) (choice).', anticausal: 'Σ_j θ(j) x(t+j), as written in the paper.' } }),

  // ---- Transformer (§2) ----
  model: oneOf('model', { key: 'model', group: 'transformer', default: 'transformer',
    hint: 'Model of a single run; sweeps are Transformers, compare runs both.',
    options: { transformer: 'One layer, one head, no residuals or norms (eq. 5).', rnn: 'h(t) = act(W h(t−1) + U x(t) + b) (§3).' } }),
  n: int('n', { key: 'n', group: 'transformer', default: 32, min: 1, max: 256,
    hint: 'Width n of the token features h(s) = f̂(x̃(s)).' }),
  mH: int('mH', { key: 'mh', group: 'transformer', default: 4, min: 1, max: 64,
    hint: 'Attention head size m_h of a single run: the logits have rank ≤ m_h.' }),
  mHs: intList('mHs', { key: 'mhs', group: 'transformer', default: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
    min: 1, max: 64, minLength: 1, maxLength: 32, hint: 'Head sizes of a sweep, one model each (Fig. 5: 1..16).' }),
  mV: int('mV', { key: 'mv', group: 'transformer', default: 32, min: 1, max: 256,
    hint: 'Value size m_v (choice 32).' }),
  mFF: int('mFF', { key: 'mff', group: 'transformer', default: 128, min: 1, max: 1024,
    hint: 'Hidden width m_FF of the MLPs f̂ and F̂ (paper: 128).' }),
  depth: int('depth', { key: 'depth', group: 'transformer', default: 3, min: 1, max: 6, unit: 'layers',
    hint: 'Linear layers per MLP f̂ and F̂ (paper: 3).' }),
  act: oneOf('act', { key: 'act', group: 'transformer', default: 'relu',
    hint: 'MLP activation (the paper does not say; choice ReLU).',
    options: { relu: 'max(0, z).', tanh: 'tanh(z).', gelu: 'z·Φ(z).' } }),
  pe: oneOf('pe', { key: 'pe', group: 'transformer', default: 'auto',
    hint: 'Position encoding: lets tokens at different positions be told apart.',
    options: { auto: 'None for coupling targets, one-hot for memory targets (choice).', none: 'Permutation-equivariant model.',
      onehot: 'Concatenate a one-hot of t.', learned: 'Add a learned e(t).', sin: 'Add the sinusoidal encoding.' } }),
  peLr: float('peLr', { key: 'pelr', group: 'transformer', default: 1, min: 0.01, max: 1000,
    hint: 'Learning-rate multiplier of the learned position embedding e(t) (pe = learned only). Fast positions keep keys from dying (Table 2 recipe: 30).' }),
  scaleLogits: bool('scaleLogits', { key: 'scale', group: 'transformer', default: false,
    hint: 'Multiply the logits by 1/√m_h (the paper does not).' }),
  fixedFeatures: bool('fixedFeatures', { key: 'fixed', group: 'transformer', default: false,
    hint: 'Fix f̂ to the target’s features and F̂ to the identity: only the rank-m_h coupling is learned (§5.4).' }),

  // ---- RNN (§3) ----
  rnnHidden: int('rnnHidden', { key: 'rnnh', group: 'rnn', default: 128, min: 1, max: 1024,
    hint: 'Hidden units of the RNN (paper: 128).' }),
  rnnAct: oneOf('rnnAct', { key: 'rnnact', group: 'rnn', default: 'linear',
    hint: 'RNN activation (paper: linear).', options: { linear: 'Identity (paper).', tanh: 'tanh.' } }),

  // ---- training ----
  lr: float('lr', { key: 'lr', group: 'training', default: 1e-3, min: 1e-6, max: 1,
    hint: 'Adam learning rate (peak of the schedule).' }),
  schedule: oneOf('schedule', { key: 'sched', group: 'training', default: 'cosine',
    hint: 'Learning-rate schedule.', options: { constant: 'Constant lr.', cosine: 'Cosine decay from lr to 0.' } }),
  warmup: int('warmup', { key: 'warmup', group: 'training', default: 0, min: 0, max: 1_000_000, unit: 'steps',
    hint: 'Linear learning-rate warm-up: lr × (step + 1) / warmup over the first warmup steps (0 = none).' }),
  batch: int('batch', { key: 'batch', group: 'training', default: 64, min: 1, max: 1024, unit: 'sequences',
    hint: 'Fresh seeded sequences per step.' }),
  steps: int('steps', { key: 'steps', group: 'training', default: 2000, min: 1, max: 1_000_000,
    hint: 'Optimiser steps per model.' }),
  adamEps: float('adamEps', { key: 'eps', group: 'training', default: 1e-7, min: 1e-12, max: 1,
    hint: 'Adam ε, explicit because backend defaults differ (WebGL 1e-4, others 1e-7).' }),
  normalizeY: bool('normalizeY', { key: 'normy', group: 'training', default: false,
    hint: 'Train on y / std(y); errors are always reported on the raw scale.' }),
  seed: int('seed', { key: 'seed', group: 'training', default: 0, min: 0, max: 2_147_483_647,
    hint: 'Master seed: weights, batches, evaluation set and alteration draws are separate streams of it.' }),
  seeds: int('seeds', { key: 'seeds', group: 'training', default: 1, min: 1, max: 8,
    hint: 'Seeds trained side by side (error bars).' }),
  logEvery: int('logEvery', { key: 'logev', group: 'training', default: 10, min: 1, max: 1_000_000, unit: 'steps',
    hint: 'Read the training loss every this many steps.' }),
  evalEvery: int('evalEvery', { key: 'evalev', group: 'training', default: 100, min: 1, max: 1_000_000, unit: 'steps',
    hint: 'Evaluate MSE (and spectra) every this many steps.' }),

  // ---- analysis and runtime ----
  evalSize: int('evalSize', { key: 'evaln', group: 'analysis', default: 1024, min: 16, max: 8192, unit: 'sequences',
    hint: 'Size of the fixed, seeded evaluation set (choice 1024).' }),
  centre: bool('centre', { key: 'centre', group: 'analysis', default: false,
    hint: 'Row-centre logit matrices before their SVD: softmax ignores row constants (§5.2).' }),
  backend: oneOf('backend', { key: 'backend', group: 'runtime', default: 'auto',
    hint: 'tfjs backend; auto picks the fastest that passes a self-test.',
    options: { auto: 'Fastest available.', webgpu: 'WebGPU.', wasm: 'WebAssembly (CPU, SIMD).', webgl: 'WebGL.', cpu: 'Plain JavaScript.' } }),
  workers: int('workers', { key: 'workers', group: 'runtime', default: 0, min: 0, max: 16,
    hint: 'Training workers, each training a group of lanes on its own core; 0 = auto (in the browser the cores but one, which the page keeps; at most 4). The numbers do not depend on it.' }),
};

/** Any row (the union over fields). */
export type AnyFieldRow = Schema[keyof ExperimentConfig];

/** All rows in table (= URL) order. */
export const FIELDS: readonly AnyFieldRow[] = Object.values(SCHEMA);

/** URL key (lower case) → field name. */
export const FIELD_BY_KEY: ReadonlyMap<string, keyof ExperimentConfig> = new Map(
  FIELDS.map((row) => [row.key, row.field]),
);

/** URL key of a field, for messages. */
export const keyOf = (field: keyof ExperimentConfig): string => SCHEMA[field].key;

function collectDefaults(): ExperimentConfig {
  const entries = FIELDS.map((row) => [row.field, Object.freeze(row.default)]);
  // The only cast in the config folder: SCHEMA's type has exactly one row per field, so the entries
  // cover ExperimentConfig exactly (a test checks it against the literal list of defaults too).
  return Object.freeze(Object.fromEntries(entries)) as ExperimentConfig;
}

/** Defaults of this codec version (frozen, see the versioning note above). */
export const DEFAULTS: ExperimentConfig = collectDefaults();
