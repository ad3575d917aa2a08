/**
 * Hand-written narrowing of untrusted JSON, with the path of the first problem in the error. Each
 * reader returns the typed value or throws a NotebookError naming where and what is wrong.
 */
export class NotebookError extends Error {}

export type Json = unknown;

const describe = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `${typeof x} ${JSON.stringify(x)}`;

export function fail(path: string, expected: string, got: unknown): never {
  throw new NotebookError(`${path}: expected ${expected}, found ${describe(got)}`);
}

export function obj(x: Json, path: string): Record<string, Json> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'an object', x);
  return x as Record<string, Json>;
}

export function str(x: Json, path: string): string {
  if (typeof x !== 'string') fail(path, 'a string', x);
  return x;
}

export function num(x: Json, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, 'a finite number', x);
  return x;
}

export function int(x: Json, path: string, min = 0): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) fail(path, `an integer ≥ ${min}`, x);
  return x;
}


export function arr(x: Json, path: string, length?: number): Json[] {
  if (!Array.isArray(x)) fail(path, length === undefined ? 'an array' : `an array of ${length}`, x);
  if (length !== undefined && x.length !== length) throw new NotebookError(`${path}: expected ${length} entries, found ${x.length}`);
  return x as Json[];
}

/** Numbers, where a lost value (NaN, ±∞ of a diverged run) is written as null. */
export function nums(x: Json, path: string, length?: number): number[] {
  return arr(x, path, length).map((v, i) => (v === null ? NaN : num(v, `${path}[${i}]`)));
}

export function oneOf<T extends string>(x: Json, path: string, words: readonly T[]): T {
  const found = words.find((w) => w === x);
  if (found === undefined) fail(path, `one of ${words.join(', ')}`, x);
  return found;
}

export function nullable<T>(x: Json, read: (v: Json) => T): T | null {
  return x === null || x === undefined ? null : read(x);
}
