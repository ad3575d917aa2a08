/**
 * The shape of one schema row (one ExperimentConfig field) and the factories that build rows of each
 * value type. A row carries plain data for the UI (key, type, bounds, options, hint, group) and the
 * typed parse/format pair the codec uses.
 */
import type { ExperimentConfig, Rank } from './types';
import {
  formatBool,
  formatList,
  formatNumber,
  parseBool,
  parseFloatIn,
  parseIntIn,
  parseList,
  parseRank,
  refuse,
  ok,
  type Parsed,
} from './parse';

type C = ExperimentConfig;

/** Where a control lives in the panel. */
export type FieldGroup =
  | 'experiment'
  | 'target'
  | 'alteration'
  | 'transformer'
  | 'rnn'
  | 'training'
  | 'analysis'
  | 'runtime';

export type FieldType = 'int' | 'float' | 'bool' | 'enum' | 'intList' | 'floatList' | 'rankList';

export interface IntSpec {
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
}
export interface FloatSpec {
  readonly type: 'float';
  readonly min: number;
  readonly max: number;
}
export interface BoolSpec {
  readonly type: 'bool';
}
export interface EnumSpec {
  readonly type: 'enum';
  /** Allowed words, in display order. */
  readonly options: readonly string[];
  /** One line per option, for tooltips. */
  readonly optionHints: Readonly<Record<string, string>>;
}
/** Lists: min/max bound each item; minLength/maxLength bound the count. */
export interface ListSpec<T extends 'intList' | 'floatList' | 'rankList'> {
  readonly type: T;
  readonly min: number;
  readonly max: number;
  readonly minLength: number;
  readonly maxLength: number;
}

/** The spec variant that matches a value type (non-distributive on purpose). */
export type SpecFor<V> = [V] extends [boolean]
  ? BoolSpec
  : [V] extends [number]
    ? IntSpec | FloatSpec
    : [V] extends [readonly number[]]
      ? ListSpec<'intList'> | ListSpec<'floatList'>
      : [V] extends [readonly Rank[]]
        ? ListSpec<'rankList'>
        : [V] extends [string]
          ? EnumSpec
          : never;

/** What every row has, whatever its type. */
export interface RowMeta {
  /** Short, human-readable URL key (lower case). */
  readonly key: string;
  readonly group: FieldGroup;
  /** One line: what it does, with the paper reference. */
  readonly hint: string;
  readonly unit?: string;
}

export interface RowCore<K extends keyof C, V> extends RowMeta {
  readonly field: K;
  readonly default: V;
  /** URL text → value, or the reason it was refused. */
  readonly parse: (text: string) => Parsed<V>;
  /** Value → URL text (shortest round-trip numbers, comma lists, words, 0/1). */
  readonly format: (value: V) => string;
}

/** One schema row: field K holding values of type V. */
export type FieldRow<K extends keyof C, V = C[K]> = RowCore<K, V> & SpecFor<V>;

interface NumberOptions extends RowMeta {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

export function intField<K extends keyof C>(field: K, o: NumberOptions): RowCore<K, number> & IntSpec {
  const bounds = { min: o.min, max: o.max };
  return { ...o, field, type: 'int', parse: (t) => parseIntIn(t, bounds), format: formatNumber };
}

export function floatField<K extends keyof C>(field: K, o: NumberOptions): RowCore<K, number> & FloatSpec {
  const bounds = { min: o.min, max: o.max };
  return { ...o, field, type: 'float', parse: (t) => parseFloatIn(t, bounds), format: formatNumber };
}

export function boolField<K extends keyof C>(
  field: K,
  o: RowMeta & { readonly default: boolean },
): RowCore<K, boolean> & BoolSpec {
  return { ...o, field, type: 'bool', parse: parseBool, format: formatBool };
}

const hasOwn = <T extends string>(record: Readonly<Record<T, string>>, word: string): word is T =>
  Object.prototype.hasOwnProperty.call(record, word);

/**
 * An enum row. `options` maps every allowed word to its one-line hint; the table's type check makes
 * the words exactly the members of the field's union (a missing or extra word is a compile error).
 */
export function enumField<K extends keyof C, T extends string>(
  field: K,
  o: RowMeta & { readonly default: NoInfer<T>; readonly options: Readonly<Record<T, string>> },
): RowCore<K, T> & EnumSpec {
  const words = Object.keys(o.options);
  const parse = (text: string): Parsed<T> => {
    const t = text.trim();
    return hasOwn(o.options, t) ? ok(t) : refuse(`is not one of ${words.join(', ')}`);
  };
  const { options, ...meta } = o;
  return { ...meta, field, type: 'enum', options: words, optionHints: options, parse, format: (v) => v };
}

interface ListOptions<V> extends RowMeta {
  readonly default: V;
  readonly min: number;
  readonly max: number;
  readonly minLength: number;
  readonly maxLength: number;
}

export function intListField<K extends keyof C>(
  field: K,
  o: ListOptions<readonly number[]>,
): RowCore<K, readonly number[]> & ListSpec<'intList'> {
  const parse = (t: string): Parsed<readonly number[]> => parseList(t, o, (e) => parseIntIn(e, o));
  return { ...o, field, type: 'intList', parse, format: (v) => formatList(v, formatNumber) };
}

export function floatListField<K extends keyof C>(
  field: K,
  o: ListOptions<readonly number[]>,
): RowCore<K, readonly number[]> & ListSpec<'floatList'> {
  const parse = (t: string): Parsed<readonly number[]> => parseList(t, o, (e) => parseFloatIn(e, o));
  return { ...o, field, type: 'floatList', parse, format: (v) => formatList(v, formatNumber) };
}

export function rankListField<K extends keyof C>(
  field: K,
  o: ListOptions<readonly Rank[]>,
): RowCore<K, readonly Rank[]> & ListSpec<'rankList'> {
  const parse = (t: string): Parsed<readonly Rank[]> => parseList(t, o, (e) => parseRank(e, o));
  const item = (r: Rank): string => (r === 'full' ? 'full' : formatNumber(r));
  return { ...o, field, type: 'rankList', parse, format: (v) => formatList(v, item) };
}
