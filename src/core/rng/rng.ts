/**
 * Seeded randomness. Every random draw in Rankscope comes from an Rng made by `streamRng(seed, name)`:
 * separate named streams (initial weights, training batches, evaluation set, alteration and target
 * draws) so that changing how much one consumes never shifts another (tensorflow/playground #25).
 */

/** The named streams of one experiment seed. */
export type StreamName = 'weights' | 'batches' | 'eval' | 'alteration' | 'target';

/** 32-bit mix (splitmix32 finaliser). */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash a seed, a stream name and any extra integers (lane, tensor index) into a 32-bit seed. */
export function streamSeed(seed: number, name: string, ...extra: readonly number[]): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  for (let i = 0; i < name.length; i++) h = mix32(h ^ Math.imul(name.charCodeAt(i), 0x01000193));
  for (const e of extra) h = mix32(h ^ mix32((e >>> 0) + 0x6d2b79f5));
  return h;
}

/** The full state of an Rng (checkpoints): the four xoshiro words and the cached normal. */
export interface RngState {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly spare: number | null;
}

/** xoshiro128** generator: fast, 128-bit state, good statistical quality. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed32: number) {
    let s = seed32 >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      return mix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The generator's state: a generator given it with `setState` draws the same numbers from here on. */
  getState(): RngState {
    // The words are kept as int32 or uint32 by the xor steps; the state holds their unsigned form.
    return { a: this.a >>> 0, b: this.b >>> 0, c: this.c >>> 0, d: this.d >>> 0, spare: this.spare };
  }

  setState(s: RngState): void {
    const words = [s.a, s.b, s.c, s.d];
    if (!words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) || (s.a | s.b | s.c | s.d) === 0) {
      throw new Error('Rng.setState: the state must be four 32-bit unsigned integers, not all zero');
    }
    this.a = s.a;
    this.b = s.b;
    this.c = s.c;
    this.d = s.d;
    this.spare = s.spare;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Fill with U[lo, hi). */
  fillUniform(out: Float32Array, lo = 0, hi = 1): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.next();
    return out;
  }

  /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The generator of one named stream of an experiment seed (plus optional lane/tensor indices). */
export function streamRng(seed: number, name: StreamName, ...extra: readonly number[]): Rng {
  return new Rng(streamSeed(seed, name, ...extra));
}
