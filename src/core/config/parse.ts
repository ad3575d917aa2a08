/**
 * Text → value parsers for share-link values: plain decimal numbers, 0/1 booleans, comma lists.
 * Each returns the value or a reason phrase; the codec prefixes the reason with the key and the raw
 * text, e.g. `mh: "99" is out of range 1–64`. Pure functions.
 */
import { clipText } from './text';

/** A parsed value, or why the text was refused (a phrase that follows the quoted raw text). */
export type Parsed<V> =
  | { readonly ok: true; readonly value: V }
  | { readonly ok: false; readonly reason: string };

export const ok = <V>(value: V): Parsed<V> => ({ ok: true, value });
export const refuse = <V>(reason: string): Parsed<V> => ({ ok: false, reason });

/** Plain decimal notation with optional exponent: `3`, `-0.5`, `.25`, `1e-3`, `1E+6`. No hex, no `Infinity`. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** The shortest text that parses back to exactly `x` (ECMAScript's Number-to-String is round-trip). */
export const formatNumber = (x: number): string => String(x);

/** `a–b` with shortest round-trip numbers. */
export const rangeText = (min: number, max: number): string => `${formatNumber(min)}–${formatNumber(max)}`;

/** A decimal number (possibly ±Infinity on overflow), or undefined if the text is not decimal notation. −0 becomes 0. */
function readDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const x = Number(t);
  return x === 0 ? 0 : x;
}

export interface NumberBounds {
  readonly min: number;
  readonly max: number;
}

export function parseFloatIn(text: string, b: NumberBounds): Parsed<number> {
  const x = readDecimal(text);
  if (x === undefined) return refuse('is not a number');
  if (!(x >= b.min && x <= b.max)) return refuse(`is out of range ${rangeText(b.min, b.max)}`);
  return ok(x);
}

export function parseIntIn(text: string, b: NumberBounds): Parsed<number> {
  const x = readDecimal(text);
  if (x === undefined) return refuse('is not an integer');
  if (!(x >= b.min && x <= b.max)) return refuse(`is out of range ${rangeText(b.min, b.max)}`);
  if (!Number.isInteger(x)) return refuse('is not an integer');
  return ok(x);
}

/** `1`/`0`, also `true`/`false` for hand-written links. */
export function parseBool(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (t === '1' || t === 'true') return ok(true);
  if (t === '0' || t === 'false') return ok(false);
  return refuse('is not 0 or 1');
}

export const formatBool = (b: boolean): string => (b ? '1' : '0');

export interface ListBounds extends NumberBounds {
  readonly minLength: number;
  readonly maxLength: number;
}

/**
 * A comma list; the empty text is the empty list. `item` parses one entry; its refusal reason is
 * reported with the offending entry, e.g. `has an item that is out of range 1–64 ("99")`.
 */
export function parseList<T>(
  text: string,
  b: ListBounds,
  item: (entry: string) => Parsed<T>,
): Parsed<readonly T[]> {
  const entries = text.trim() === '' ? [] : text.split(',').map((e) => e.trim());
  if (entries.length > b.maxLength) {
    return refuse(`has ${entries.length} items; at most ${b.maxLength} are allowed`);
  }
  if (entries.length < b.minLength) {
    return refuse(`has ${entries.length} items; at least ${b.minLength} ${b.minLength === 1 ? 'is' : 'are'} needed`);
  }
  const values: T[] = [];
  for (const entry of entries) {
    const r = item(entry);
    if (!r.ok) return refuse(`has an item that ${r.reason} (${JSON.stringify(clipText(entry, 24))})`);
    values.push(r.value);
  }
  return ok(values);
}

/** Integer entry in bounds, or the word `full`. */
export function parseRank(entry: string, b: NumberBounds): Parsed<number | 'full'> {
  if (entry.trim() === 'full') return ok('full');
  const r = parseIntIn(entry, b);
  if (r.ok) return r;
  return refuse(`${r.reason} and is not the word "full"`);
}

export const formatList = <T>(values: readonly T[], item: (value: T) => string): string => values.map(item).join(',');
