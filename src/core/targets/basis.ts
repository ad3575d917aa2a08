import type { BasisKind } from '../config/types';

const SQRT2 = Math.SQRT2;
const TWO_PI = 2 * Math.PI;

/** φ_k(x) = √2 sin(2πkx), k = 1..K, written into out[offset + k − 1]. */
export function phiInto(x: number, modes: number, out: Float32Array | Float64Array, offset: number): void {
  for (let k = 1; k <= modes; k++) out[offset + k - 1] = SQRT2 * Math.sin(TWO_PI * k * x);
}

/** ψ_k(x): equal to φ_k for the symmetric basis, √2 cos(2πkx) for 'sincos'. */
export function psiInto(
  x: number,
  modes: number,
  basis: BasisKind,
  out: Float32Array | Float64Array,
  offset: number,
): void {
  if (basis === 'sym') {
    phiInto(x, modes, out, offset);
    return;
  }
  for (let k = 1; k <= modes; k++) out[offset + k - 1] = SQRT2 * Math.cos(TWO_PI * k * x);
}
