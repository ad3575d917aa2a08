import { describe, expect, it } from 'vitest';
import { couplingMatrices, matrixSpectra, rowCentre, singularValues } from '../../../src/core/analysis';
import { at, mulberry32, uniform } from './random';

const TWO_PI = 2 * Math.PI;

/** ρ(u, v) = Σ_{k≤modes} σ_k · 2 sin(2πku) sin(2πkv) (docs/model.md §4.1 with φ_k = ψ_k). */
function powerRho(alpha: number, modes: number): (u: number, v: number) => number {
  return (u, v) => {
    let sum = 0;
    for (let k = 1; k <= modes; k++) sum += 2 * k ** -alpha * Math.sin(TWO_PI * k * u) * Math.sin(TWO_PI * k * v);
    return sum;
  };
}

describe('rowCentre', () => {
  it('subtracts each row’s mean and leaves the input untouched', () => {
    const m = [1, 2, 3, 10, 10, 40];
    const c = rowCentre(m, 2, 3);
    expect(Array.from(c)).toEqual([-1, 0, 1, -10, -10, 20]);
    expect(m).toEqual([1, 2, 3, 10, 10, 40]);
  });

  it('rejects a wrong length', () => {
    expect(() => rowCentre([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});

describe('matrixSpectra', () => {
  it('gives each matrix’s singular values divided by tau, truncated to keep', () => {
    const tau = 5;
    const count = 3;
    const mats = Float32Array.from(uniform(mulberry32(11), count * tau * tau));
    const keep = 3;
    const out = matrixSpectra(mats, count, tau, { centre: false, keep });
    expect(out.length).toBe(count * keep);
    for (let c = 0; c < count; c++) {
      const s = singularValues(mats.subarray(c * tau * tau, (c + 1) * tau * tau), tau, tau);
      for (let k = 0; k < keep; k++) expect(at(out, keep, c, k)).toBeCloseTo((s[k] ?? NaN) / tau, 12);
    }
    expect(matrixSpectra(mats, count, tau, { centre: false }).length).toBe(count * tau);
  });

  it('row-centring removes a row-constant term softmax cannot see', () => {
    // S = g 1ᵀ + a bᵀ with Σ_s b_s = 0: rank 2, but centring each row leaves exactly a bᵀ,
    // whose only singular value is |a| |b|.
    const tau = 8;
    const rand = mulberry32(5);
    const g = uniform(rand, tau, 0, 5);
    const a = uniform(rand, tau);
    const b0 = uniform(rand, tau);
    const bMean = b0.reduce((p, q) => p + q, 0) / tau;
    const b = b0.map((x) => x - bMean);
    const s = new Float32Array(tau * tau);
    for (let t = 0; t < tau; t++) for (let j = 0; j < tau; j++) s[t * tau + j] = (g[t] ?? 0) + (a[t] ?? 0) * (b[j] ?? 0);
    const norm = (v: Float64Array): number => Math.hypot(...v);
    const raw = matrixSpectra(s, 1, tau, { centre: false });
    const centred = matrixSpectra(s, 1, tau, { centre: true });
    expect(raw[1]).toBeGreaterThan(1e-3); // rank 2 before centring
    expect(centred[0]).toBeCloseTo((norm(a) * norm(b)) / tau, 5); // float32 input
    expect(centred[1]).toBeCloseTo(0, 5);
  });

  it('reproduces the small-τ bias quoted in docs/model.md §6.3 for σ_k = 1/k, 64 modes, τ = 16', () => {
    const tau = 16;
    const count = 1024;
    const xs = Float64Array.from({ length: count * tau }, mulberry32(2024));
    const mats = Float32Array.from(couplingMatrices(powerRho(1, 64), xs, count, tau));
    const spectra = matrixSpectra(mats, count, tau, { centre: false, keep: 4 });
    const mean = [0, 1, 2, 3].map((k) => {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += at(spectra, 4, c, k);
      return sum / count;
    });
    const quoted = [1.28, 0.7, 0.5, 0.39];
    mean.forEach((m, k) => expect(Math.abs(m - (quoted[k] ?? NaN))).toBeLessThan(0.02));
  });

  // Its time is printed, not asserted: a timed test measures the machine (bench for speed).
  it('gives finite spectra for 1024 matrices of 16 × 16 in one call', () => {
    const tau = 16;
    const count = 1024;
    const mats = Float32Array.from(uniform(mulberry32(9), count * tau * tau));
    matrixSpectra(mats.subarray(0, 8 * tau * tau), 8, tau, { centre: true }); // warm-up (JIT)
    const t0 = performance.now();
    const out = matrixSpectra(mats, count, tau, { centre: true });
    const ms = performance.now() - t0;
    console.info(`matrixSpectra: 1024 × 16 × 16 in ${ms.toFixed(0)} ms`);
    expect(out.length).toBeGreaterThanOrEqual(count * tau);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('marks a matrix with a non-finite entry by a row of NaN and leaves the others alone', () => {
    const mats = new Float32Array(2 * 4).fill(1);
    mats[5] = Number.NaN;
    const out = matrixSpectra(mats, 2, 2, { centre: false });
    expect(out[0]).toBeCloseTo(1, 12); // all-ones 2 × 2: σ = 2, divided by τ = 2
    expect(out[1]).toBeCloseTo(0, 12);
    expect(Number.isNaN(out[2])).toBe(true);
    expect(Number.isNaN(out[3])).toBe(true);
  });

  it('rejects bad shapes and keep values', () => {
    const mats = new Float32Array(2 * 9);
    expect(() => matrixSpectra(mats, 2, 4, { centre: false })).toThrow(RangeError);
    expect(() => matrixSpectra(mats, 2, 3, { centre: false, keep: 4 })).toThrow(/keep/);
    expect(() => matrixSpectra(mats, 2, 3, { centre: false, keep: 0 })).toThrow(/keep/);
  });
});

describe('couplingMatrices', () => {
  it('lays out ρ(x(t), x(s)) as row t, column s for each sequence', () => {
    const xs = [1, 2, 3, 10, 20, 30]; // two sequences, tau = 3
    const m = couplingMatrices((u, v) => 100 * u + v, xs, 2, 3);
    expect(Array.from(m.subarray(0, 9))).toEqual([101, 102, 103, 201, 202, 203, 301, 302, 303]);
    expect(m[9 + 1 * 3 + 2]).toBe(2030);
  });
});
