import type { BasisKind } from '../config/types';

const SQRT2 = Math.SQRT2;
const TWO_PI = 2 * Math.PI;

/**
 * √2·sin(kθ) (or cos) for k = 1..K by the Chebyshev recurrence f(k+1) = 2cosθ·f(k) − f(k−1):
 * two trigonometric calls per x instead of K (the targets are computed for every training batch;
 * this was ~4 ms of a 25 ms step at K = 32). In float64 the recurrence drifts by ~K·1e-16.
 */
function harmonicsInto(x: number, modes: number, cosine: boolean, out: Float32Array | Float64Array, offset: number): void {
  const theta = TWO_PI * x;
  const c = Math.cos(theta);
  const twoC = 2 * c;
  let prev = cosine ? 1 : 0; // f(0)
  let cur = cosine ? c : Math.sin(theta); // f(1)
  for (let k = 1; k <= modes; k++) {
    out[offset + k - 1] = SQRT2 * cur;
    const next = twoC * cur - prev;
    prev = cur;
    cur = next;
  }
}

/** φ_k(x) = √2 sin(2πkx), k = 1..K, written into out[offset + k − 1]. */
export function phiInto(x: number, modes: number, out: Float32Array | Float64Array, offset: number): void {
  harmonicsInto(x, modes, false, out, offset);
}

/** ψ_k(x): equal to φ_k for the symmetric basis, √2 cos(2πkx) for 'sincos'. */
export function psiInto(
  x: number,
  modes: number,
  basis: BasisKind,
  out: Float32Array | Float64Array,
  offset: number,
): void {
  harmonicsInto(x, modes, basis !== 'sym', out, offset);
}
