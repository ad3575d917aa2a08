import { describe, expect, it } from 'vitest';
import {
  identityAlteration,
  mixAlteration,
  mixFilter,
  movedPositions,
  orderAlteration,
  orderPermutation,
} from '../../../src/core/alterations';
import type { OrderParams } from '../../../src/core/alterations';
import { Rng, streamRng } from '../../../src/core/rng';
import { maxAbsDiff, refConv, rows, testInputs } from '../targets/reference';

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);
const O = (order: OrderParams['order'], extra: Partial<OrderParams> = {}): OrderParams => ({
  tau: 32,
  order,
  swapK: 10,
  rotateK: 1,
  ...extra,
});
const isPermutation = (p: Int32Array, n: number): boolean =>
  p.length === n && [...p].sort((a, b) => a - b).every((v, i) => v === i);

describe('orderPermutation', () => {
  it('swap, τ = 32, k = 10: positions 0..9 ↔ 22..31, each block in order, 10..21 fixed', () => {
    const p = orderPermutation(O('swap'), new Rng(0));
    expect(Array.from(p)).toEqual([...range(22, 32), ...range(10, 22), ...range(0, 10)]);
    expect(isPermutation(p, 32)).toBe(true);
  });

  it('swap with 2k = τ exchanges the two halves', () => {
    expect(Array.from(orderPermutation(O('swap', { tau: 8, swapK: 4 }), new Rng(0)))).toEqual([4, 5, 6, 7, 0, 1, 2, 3]);
  });

  it('rotate by k: T(x)(t) = x((t + k) mod τ)', () => {
    expect(Array.from(orderPermutation(O('rotate', { tau: 6, rotateK: 2 }), new Rng(0)))).toEqual([2, 3, 4, 5, 0, 1]);
    const p = orderPermutation(O('rotate', { rotateK: 5 }), new Rng(0));
    expect(Array.from(p)).toEqual(range(0, 32).map((t) => (t + 5) % 32));
    expect(isPermutation(p, 32)).toBe(true);
  });

  it('reverse: T(x)(t) = x(τ − 1 − t)', () => {
    expect(Array.from(orderPermutation(O('reverse', { tau: 5 }), new Rng(0)))).toEqual([4, 3, 2, 1, 0]);
  });

  it('random: a true permutation, deterministic per seed, different across seeds, not the identity', () => {
    const a = orderPermutation(O('random'), streamRng(1, 'alteration', 1));
    const b = orderPermutation(O('random'), streamRng(1, 'alteration', 1));
    const c = orderPermutation(O('random'), streamRng(2, 'alteration', 1));
    expect(isPermutation(a, 32)).toBe(true);
    expect(isPermutation(c, 32)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Array.from(a).filter((v, i) => v === i).length).toBeLessThan(8); // ~1 fixed point expected
    expect(Array.from(a)).toEqual(Array.from(streamRng(1, 'alteration', 1).permutation(32)));
  });

  it('deterministic orders ignore the rng (and do not consume it)', () => {
    const r = new Rng(3);
    for (const order of ['swap', 'rotate', 'reverse'] as const) orderPermutation(O(order), r);
    expect(r.next()).toBe(new Rng(3).next());
  });
});

describe('movedPositions', () => {
  it('lists the outputs t with π(t) ≠ t: swap k = 3 on τ = 12 moves 0..2 and 9..11', () => {
    expect(movedPositions(orderPermutation(O('swap', { tau: 12, swapK: 3 }), new Rng(0)))).toEqual([0, 1, 2, 9, 10, 11]);
  });

  it('reverse keeps only the middle of an odd τ; rotate moves every position; the identity none', () => {
    expect(movedPositions(orderPermutation(O('reverse', { tau: 5 }), new Rng(0)))).toEqual([0, 1, 3, 4]);
    expect(movedPositions(orderPermutation(O('rotate', { tau: 6, rotateK: 2 }), new Rng(0)))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(movedPositions(null)).toEqual([]);
    expect(movedPositions(Int32Array.from([0, 1, 2]))).toEqual([]);
  });
});

describe('orderAlteration', () => {
  it('apply moves values: T(x)[b, t] = x[b, perm[t]] for every order', () => {
    const tau = 32;
    const count = 3;
    const x = Float32Array.from({ length: count * tau }, (_, i) => 1000 * Math.floor(i / tau) + (i % tau));
    for (const order of ['swap', 'rotate', 'reverse', 'random'] as const) {
      const alt = orderAlteration(O(order, { rotateK: 3 }), new Rng(11));
      expect(alt.kind).toBe('order');
      expect(alt.theta).toBeNull();
      expect(alt.direction).toBeNull();
      const perm = alt.permutation;
      expect(perm).not.toBeNull();
      if (perm === null) return;
      const out = alt.apply(x, count);
      expect(out).not.toBe(x);
      for (let b = 0; b < count; b++) {
        expect(Array.from(out.subarray(b * tau, (b + 1) * tau))).toEqual(Array.from(perm, (s) => 1000 * b + s));
      }
    }
  });

  it('swap by hand (τ = 32, k = 10): out(0..9) = x(22..31), out(22..31) = x(0..9), middle kept', () => {
    const x = testInputs(1, 32, 4);
    const out = orderAlteration(O('swap'), new Rng(0)).apply(x, 1);
    expect(Array.from(out.subarray(0, 10))).toEqual(Array.from(x.subarray(22, 32)));
    expect(Array.from(out.subarray(10, 22))).toEqual(Array.from(x.subarray(10, 22)));
    expect(Array.from(out.subarray(22, 32))).toEqual(Array.from(x.subarray(0, 10)));
  });

  it('does not modify its input, and swap and reverse are involutions', () => {
    const x = testInputs(2, 32, 6);
    const copy = x.slice();
    for (const order of ['swap', 'reverse'] as const) {
      const alt = orderAlteration(O(order), new Rng(0));
      expect(Array.from(alt.apply(alt.apply(x, 2), 2))).toEqual(Array.from(x));
    }
    expect(Array.from(x)).toEqual(Array.from(copy));
  });
});

describe('mixFilter', () => {
  it('has Σ|θ(j)| = 1, θ(j) ∈ [−1, 1], length l', () => {
    for (const len of [1, 2, 5, 16]) {
      for (const seed of [0, 1, 2, 3]) {
        const theta = mixFilter(len, new Rng(seed));
        expect(theta.length).toBe(len);
        expect(theta.reduce((a, v) => a + Math.abs(v), 0)).toBeCloseTo(1, 14);
        expect(theta.every((v) => v >= -1 && v <= 1)).toBe(true);
      }
    }
  });

  it('is U[−1, 1] draws from the rng, divided by their ℓ1 norm (signs and ratios kept)', () => {
    const theta = mixFilter(5, new Rng(42));
    const r = new Rng(42);
    const raw = Array.from({ length: 5 }, () => -1 + 2 * r.next());
    const l1 = raw.reduce((a, v) => a + Math.abs(v), 0);
    raw.forEach((v, j) => expect(theta[j]).toBeCloseTo(v / l1, 14));
  });

  it('is deterministic per seed and differs across seeds; l = 1 gives θ = ±1', () => {
    expect(Array.from(mixFilter(5, new Rng(1)))).toEqual(Array.from(mixFilter(5, new Rng(1))));
    expect(maxAbsDiff(mixFilter(5, new Rng(1)), mixFilter(5, new Rng(2)))).toBeGreaterThan(0.01);
    expect(Math.abs(mixFilter(1, new Rng(9))[0] as number)).toBe(1);
  });

  it('draws both signs over many seeds (θ ~ U[−1, 1], not U[0, 1])', () => {
    let neg = 0;
    let pos = 0;
    for (let seed = 0; seed < 40; seed++) {
      for (const v of mixFilter(5, new Rng(seed))) {
        if (v < 0) neg++;
        else pos++;
      }
    }
    expect(neg).toBeGreaterThan(60);
    expect(pos).toBeGreaterThan(60);
  });
});

describe('mixAlteration', () => {
  const tau = 16;
  const count = 3;

  for (const dir of ['causal', 'anticausal'] as const) {
    it(`${dir}: apply is an independent zero-padded convolution with its θ`, () => {
      const alt = mixAlteration({ tau, mixLen: 5, mixDir: dir }, new Rng(7));
      expect(alt.kind).toBe('mix');
      expect(alt.direction).toBe(dir);
      expect(alt.permutation).toBeNull();
      const theta = alt.theta;
      expect(theta).not.toBeNull();
      if (theta === null) return;
      expect(Array.from(theta)).toEqual(Array.from(mixFilter(5, new Rng(7))));
      const x = testInputs(count, tau, 3);
      const out = alt.apply(x, count);
      const want = rows(x, count, tau).flatMap((seq) => refConv(theta, seq, dir));
      expect(maxAbsDiff(out, want)).toBeLessThan(1e-6);
    });
  }

  it('causal impulse response: x = e_p gives T(x)(p + j) = θ(j), zero before p', () => {
    const alt = mixAlteration({ tau, mixLen: 5, mixDir: 'causal' }, new Rng(5));
    const theta = alt.theta ?? new Float64Array(0);
    const x = new Float32Array(tau);
    x[6] = 1;
    const out = alt.apply(x, 1);
    const want = new Array<number>(tau).fill(0);
    for (let j = 0; j < 5; j++) want[6 + j] = theta[j] as number;
    expect(maxAbsDiff(out, want)).toBeLessThan(1e-7);
  });

  it('anticausal impulse response: x = e_p gives T(x)(p − j) = θ(j), zero after p', () => {
    const alt = mixAlteration({ tau, mixLen: 5, mixDir: 'anticausal' }, new Rng(5));
    const theta = alt.theta ?? new Float64Array(0);
    const x = new Float32Array(tau);
    x[6] = 1;
    const out = alt.apply(x, 1);
    const want = new Array<number>(tau).fill(0);
    for (let j = 0; j < 5; j++) want[6 - j] = theta[j] as number;
    expect(maxAbsDiff(out, want)).toBeLessThan(1e-7);
  });

  it('zero padding at the edges: on x ≡ 1, causal T(x)(t) = Σ_{j ≤ t} θ(j), anticausal Σ_{j ≤ τ−1−t} θ(j)', () => {
    const x = new Float32Array(tau).fill(1);
    const c = mixAlteration({ tau, mixLen: 5, mixDir: 'causal' }, new Rng(13));
    const a = mixAlteration({ tau, mixLen: 5, mixDir: 'anticausal' }, new Rng(13));
    const theta = c.theta ?? new Float64Array(0);
    const partial = (n: number): number => theta.subarray(0, Math.min(n, 5)).reduce((s, v) => s + v, 0);
    const yc = c.apply(x, 1);
    const ya = a.apply(x, 1);
    for (let t = 0; t < tau; t++) {
      expect(yc[t]).toBeCloseTo(partial(t + 1), 6);
      expect(ya[t]).toBeCloseTo(partial(tau - t), 6);
    }
    expect(yc[0]).toBeCloseTo(theta[0] as number, 6);
    expect(ya[tau - 1]).toBeCloseTo(theta[0] as number, 6);
  });

  it('causal and anticausal differ, and are mirror images of each other under time reversal', () => {
    const c = mixAlteration({ tau, mixLen: 5, mixDir: 'causal' }, new Rng(21));
    const a = mixAlteration({ tau, mixLen: 5, mixDir: 'anticausal' }, new Rng(21));
    const x = testInputs(1, tau, 8);
    const rev = (v: Float32Array): Float32Array => v.slice().reverse();
    expect(maxAbsDiff(c.apply(x, 1), a.apply(x, 1))).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(a.apply(x, 1), rev(c.apply(rev(x), 1)))).toBeLessThan(1e-7);
  });

  it('|T(x)(t)| ≤ max |x| (an ℓ1-normalised filter cannot amplify)', () => {
    const alt = mixAlteration({ tau, mixLen: 5, mixDir: 'causal' }, new Rng(2));
    const out = alt.apply(testInputs(8, tau, 4), 8);
    expect(out.every((v) => Math.abs(v) <= 1)).toBe(true);
  });
});

describe('identityAlteration', () => {
  it('returns x unchanged and carries no permutation or filter', () => {
    const id = identityAlteration();
    const x = testInputs(2, 8, 1);
    expect(Array.from(id.apply(x, 2))).toEqual(Array.from(x));
    expect(id.kind).toBe('none');
    expect(id.permutation).toBeNull();
    expect(id.theta).toBeNull();
    expect(id.direction).toBeNull();
  });
});
