/**
 * The experiment configuration: one flat, typed record covering target, alteration, models, training
 * and experiment kind. Field names follow docs/model.md, and a bare § below is one of its sections.
 * The share-link codec (schema.ts) holds the default, bounds and hint of every field; this file holds
 * only the types.
 */

/**
 * What to run: one model, a head-size sweep (paper Fig. 5), RNN vs Transformer (Tables 2–3), or no
 * training at all: the exact function-SVD of the target's coupling before and after mixing (App. D.3).
 */
export type ExperimentKind = 'single' | 'sweep' | 'compare' | 'exact';

/** §4.1 low-rank coupling, or §4.2 linear memory. */
export type TargetKind = 'coupling' | 'memory';
/** σ_k families of §4.1. */
export type SpectrumKind = 'power' | 'exp' | 'flat' | 'list';
/** φ_k = ψ_k = √2 sin(2πkx) ('sym'), or ψ_k = √2 cos(2πkx) ('sincos'). */
export type BasisKind = 'sym' | 'sincos';
/** ρ(s) of §4.2. */
export type KernelKind = 'exp' | 'random' | 'power';

/** §4.3 alteration applied as H(T(x)). */
export type AlterationKind = 'none' | 'order' | 'mix';
export type OrderKind = 'swap' | 'rotate' | 'reverse' | 'random';
export type MixDirection = 'causal' | 'anticausal';

export type ModelKind = 'transformer' | 'rnn';
/** Position encoding; 'auto' = none for coupling targets, one-hot for memory targets (§2.3 choice). */
export type PositionEncoding = 'auto' | 'none' | 'onehot' | 'learned' | 'sin';
export type Activation = 'relu' | 'tanh' | 'gelu';
export type RnnActivation = 'linear' | 'tanh';
export type Schedule = 'constant' | 'cosine';
export type BackendChoice = 'auto' | 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** A finite rank r, or every one of the K modes. */
export type Rank = number | 'full';

export interface ExperimentConfig {
  /** Codec version; decoded links of another version are refused field by field. */
  readonly v: number;
  readonly kind: ExperimentKind;

  // ---- target (§4) ----
  readonly target: TargetKind;
  /** Sequence length τ. */
  readonly tau: number;
  readonly spectrum: SpectrumKind;
  /** σ_k = k^(−α). */
  readonly alpha: number;
  /** σ_k = e^(−λ(k−1)). */
  readonly lambda: number;
  /** σ_k typed by the user (spectrum = 'list'). */
  readonly sigmas: readonly number[];
  /** Target ranks; a sweep trains every one, single and compare use the first. */
  readonly ranks: readonly Rank[];
  /** K: modes kept for a full-rank ρ. */
  readonly modes: number;
  readonly basis: BasisKind;
  /** Coupling strength β: the target uses β·ρ. */
  readonly beta: number;
  /** Constant term ρ₀ added to ρ: no effect on a softmax target, but it changes ρ's SVD (App. D.3 example). */
  readonly rho0: number;
  readonly kernel: KernelKind;
  /** Power-law memory ρ(s) = (s+1)^(−p). */
  readonly p: number;
  /** Exponential memory ρ(s) = e^(−decay·s) (paper: decay = 1). */
  readonly decay: number;

  // ---- alteration (§4.3) ----
  /** For single runs and sweeps; 'compare' always runs none, order and mix. */
  readonly alteration: AlterationKind;
  readonly order: OrderKind;
  /** Swap the first k values with the last k (paper: 10). */
  readonly swapK: number;
  /** Rotate by k positions. */
  readonly rotateK: number;
  /** Filter length l (paper: 5). */
  readonly mixLen: number;
  readonly mixDir: MixDirection;

  // ---- models (§2, §3) ----
  /** For single runs; sweeps are Transformers, compare runs both. */
  readonly model: ModelKind;
  readonly n: number;
  /** Head size m_h of a single run. */
  readonly mH: number;
  /** Head sizes of a sweep. */
  readonly mHs: readonly number[];
  readonly mV: number;
  readonly mFF: number;
  /** Linear layers per MLP (f̂ and F̂). */
  readonly depth: number;
  readonly act: Activation;
  readonly pe: PositionEncoding;
  /**
   * Learning-rate multiplier of the learned position embedding e(t) (pe = 'learned' only; 1 = the
   * same rate as every other weight). The paper does not say how it trained positions.
   */
  readonly peLr: number;
  /** Multiply logits by 1/√m_h (paper: off). */
  readonly scaleLogits: boolean;
  /** Fix f̂ to the target's features and F̂ to the identity on the value (§5.4, isolating the rank term). */
  readonly fixedFeatures: boolean;
  readonly rnnHidden: number;
  readonly rnnAct: RnnActivation;

  // ---- training ----
  readonly lr: number;
  readonly schedule: Schedule;
  /** Linear learning-rate warm-up over this many first steps (0 = none). */
  readonly warmup: number;
  readonly batch: number;
  readonly steps: number;
  /** Adam ε, explicit: the backend default differs (WebGL 1e-4, others 1e-7). */
  readonly adamEps: number;
  /** Train on y / std(y) of the evaluation set (errors are always reported on the raw scale). */
  readonly normalizeY: boolean;
  /** Master seed; weights, batches, evaluation set and alteration draws are separate streams of it. */
  readonly seed: number;
  /** Seeds trained side by side as lanes (error bars). */
  readonly seeds: number;
  readonly evalSize: number;
  /** Train loss is read every logEvery steps. */
  readonly logEvery: number;
  /** Eval MSE (and spectra) every evalEvery steps. */
  readonly evalEvery: number;

  // ---- analysis and runtime ----
  /** Row-centre logit matrices before their SVD (§5.2). */
  readonly centre: boolean;
  readonly backend: BackendChoice;
  /**
   * Training workers: the run's lanes are split into this many groups, each trained by its own worker
   * (0 = auto, from the machine's cores). Results do not depend on it.
   */
  readonly workers: number;
}
