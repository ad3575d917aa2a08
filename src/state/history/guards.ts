/**
 * Hand-written narrowing of untrusted JSON, with the path of the first problem in the error. Each
 * reader returns the typed value or throws a NotebookError naming where and what is wrong. Numbers
 * are bounded (see MAX_VALUE) and texts are limited in length, so what a reader returns is safe to
 * draw; an error message quotes at most a short piece of the offending value.
 */
import { clipText } from '../../core/config';

export class NotebookError extends Error {}

export type Json = unknown;

/**
 * The largest magnitude a recorded number may have: float32's largest finite value. Training runs in
 * float32, so nothing larger comes from a run; a view that pads or sums such values stays finite.
 */
export const MAX_VALUE = 3.4028234663852886e38;
/** The longest text a notebook field may hold (labels, versions, messages, the link). */
export const MAX_TEXT = 20_000;

const describe = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `${typeof x} ${clipText(JSON.stringify(x) ?? String(x), 60)}`;

export function fail(path: string, expected: string, got: unknown): never {
  throw new NotebookError(`${path}: expected ${expected}, found ${describe(got)}`);
}

export function obj(x: Json, path: string): Record<string, Json> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'an object', x);
  return x as Record<string, Json>;
}

export function str(x: Json, path: string, maxLength = MAX_TEXT): string {
  if (typeof x !== 'string') fail(path, 'a string', x);
  if (x.length > maxLength) throw new NotebookError(`${path}: a text of ${x.length} characters; at most ${maxLength} are allowed`);
  return x;
}

/** A finite number in [min, max] (by default ±MAX_VALUE). */
export function num(x: Json, path: string, min = -MAX_VALUE, max = MAX_VALUE): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, 'a finite number', x);
  if (x < min || x > max) fail(path, `a number in ${min}…${max}`, x);
  return x;
}

/** An integer in [min, max] (by default any safe integer ≥ 0). */
export function int(x: Json, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) fail(path, `an integer ≥ ${min}`, x);
  if (x > max) fail(path, `an integer ≤ ${max}`, x);
  return x;
}

export function arr(x: Json, path: string, length?: number): Json[] {
  if (!Array.isArray(x)) fail(path, length === undefined ? 'an array' : `an array of ${length}`, x);
  if (length !== undefined && x.length !== length) throw new NotebookError(`${path}: expected ${length} entries, found ${x.length}`);
  return x as Json[];
}

/**
 * Non-negative measurements (errors, losses, singular values, attention): each in [0, MAX_VALUE], or
 * null for a value a diverged run lost (NaN, ±∞), read back as NaN.
 */
export function nums(x: Json, path: string, length?: number): number[] {
  return arr(x, path, length).map((v, i) => (v === null ? NaN : num(v, `${path}[${i}]`, 0)));
}

export function oneOf<T extends string>(x: Json, path: string, words: readonly T[]): T {
  const found = words.find((w) => w === x);
  if (found === undefined) fail(path, `one of ${words.join(', ')}`, x);
  return found;
}

export function nullable<T>(x: Json, read: (v: Json) => T): T | null {
  return x === null || x === undefined ? null : read(x);
}
