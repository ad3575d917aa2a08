import { describe, expect, it } from 'vitest';
import { couplingTarget } from '../../../src/core/targets';
import type { CouplingParams } from '../../../src/core/targets';
import { COUPLING_WASM_BASE64 } from '../../../src/core/targets/coupling-binary';
import { Rng } from '../../../src/core/rng';
import { assembleCoupling } from '../../../tools/assemble-simd';

/** Positions where two float32 arrays differ as bit patterns (−0 ≠ +0). */
function bitDiffs(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  const ia = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ib = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (ia[i] !== ib[i]) n++;
  return n;
}

const sigmas = (r: number, alpha: number): Float64Array => Float64Array.from({ length: r }, (_, i) => (i + 1) ** -alpha);

// Ranks with k mod 4 leftovers 0, 2, 1, 3 and 1; both bases; ρ₀ and β of every sign the app allows.
const CASES: ReadonlyArray<CouplingParams & { name: string }> = [
  { name: 'sym, K 32, α 1, β 0.25', tau: 16, sigmas: sigmas(32, 1), beta: 0.25, rho0: 0, basis: 'sym' },
  { name: 'sym, K 30, α 0.55, β 3, ρ₀ 0.7', tau: 32, sigmas: sigmas(30, 0.55), beta: 3, rho0: 0.7, basis: 'sym' },
  { name: 'sincos, K 5, β 2, ρ₀ −1.5', tau: 9, sigmas: Float64Array.from([2, 0.3, 0.05, 0.01, 0.5]), beta: 2, rho0: -1.5, basis: 'sincos' },
  { name: 'sincos, K 3, β 1', tau: 16, sigmas: sigmas(3, 1), beta: 1, rho0: 0, basis: 'sincos' },
  { name: 'sym, K 1, β 0 (plain average)', tau: 4, sigmas: sigmas(1, 1), beta: 0, rho0: 0, basis: 'sym' },
];

describe('the coupling target by WebAssembly', () => {
  it('coupling-binary.ts holds the assembled coupling-wat.ts (run npm run build:simd after editing it)', async () => {
    expect(Buffer.from(await assembleCoupling()).toString('base64')).toBe(COUPLING_WASM_BASE64);
  });

  for (const c of CASES) {
    it(`gives the JavaScript loops' logits and targets bit for bit (${c.name})`, () => {
      const wasm = couplingTarget(c);
      const js = couplingTarget(c, false);
      const rng = new Rng(17);
      for (const count of [1, 7, 64]) {
        const x = rng.fillUniform(new Float32Array(count * c.tau));
        expect(bitDiffs(wasm.couplingMatrices(x, count), js.couplingMatrices(x, count))).toBe(0);
        expect(bitDiffs(wasm.apply(x, count), js.apply(x, count))).toBe(0);
      }
    });
  }

  it('the logits are not all equal (the comparison above is not of constants)', () => {
    const c = CASES[0] as CouplingParams;
    const x = new Rng(3).fillUniform(new Float32Array(c.tau));
    const m = couplingTarget(c).couplingMatrices(x, 1);
    expect(new Set(m).size).toBeGreaterThan(c.tau);
    expect(m[1]).toBe(m[c.tau]); // symmetric basis: logit (0, 1) = logit (1, 0)
  });

  it('keeps its values when calls of targets of other shapes come between, and when its memory grows', () => {
    const [a, b] = [CASES[0], CASES[2]] as [CouplingParams, CouplingParams];
    const wa = couplingTarget(a);
    const wb = couplingTarget(b);
    const rng = new Rng(5);
    const xa = rng.fillUniform(new Float32Array(64 * a.tau));
    const xb = rng.fillUniform(new Float32Array(3000 * b.tau)); // grows the module's memory past its first pages
    const first = wa.couplingMatrices(xa, 64);
    const big = wb.apply(xb, 3000);
    const again = wa.couplingMatrices(xa, 64);
    expect(bitDiffs(first, again)).toBe(0);
    expect(bitDiffs(big, couplingTarget(b, false).apply(xb, 3000))).toBe(0);
    expect(bitDiffs(first, couplingTarget(a, false).couplingMatrices(xa, 64))).toBe(0);
  });
});
