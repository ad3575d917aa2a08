/** A sequence-to-sequence target H: x [count, τ] ↦ y [count, τ], with d = 1 (docs/model.md §4). */
export interface Target {
  readonly tau: number;
  /** y = H(x) for `count` sequences stored row-major in x: [count, tau] → [count, tau]. */
  apply(x: Float32Array, count: number): Float32Array;
}

/** The low-rank coupling target of docs/model.md §4.1 also exposes its coupling, for spectra and fixed features. */
export interface CouplingTarget extends Target {
  readonly kind: 'coupling';
  /** σ_k of ρ, without β. */
  readonly sigmas: Float64Array;
  readonly beta: number;
  /** The function the softmax sees: β·ρ(u, v) + ρ₀. */
  rho(u: number, v: number): number;
  /** The sampled coupling β·ρ(x(t), x(s)) + ρ₀ of each sequence: [count, tau, tau]. */
  couplingMatrices(x: Float32Array, count: number): Float32Array;
}

export interface MemoryTarget extends Target {
  readonly kind: 'memory';
  /** ρ(s), s = 0..τ−1. */
  readonly kernel: Float64Array;
}
