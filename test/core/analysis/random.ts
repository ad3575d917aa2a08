/** A tiny seeded generator for test data only (mulberry32); core code uses core/rng. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` uniform values in [lo, hi). */
export function uniform(rand: () => number, n: number, lo = -1, hi = 1): Float64Array {
  return Float64Array.from({ length: n }, () => lo + (hi - lo) * rand());
}

/** Entry (i, j) of a row-major matrix with `cols` columns; throws if out of range. */
export function at(m: ArrayLike<number>, cols: number, i: number, j: number): number {
  const x = m[i * cols + j];
  if (x === undefined) throw new RangeError(`no entry (${i}, ${j})`);
  return x;
}
