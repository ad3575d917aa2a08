/**
 * The share-link codec: ExperimentConfig ⇄ human-readable query text such as
 * `v=1&kind=sweep&mhs=1,2,4,8&beta=3`.
 *
 * Encoding writes `v` first, then, in table order, only the fields whose value differs from the
 * default of this codec version (so changing a default needs a CODEC_VERSION bump: see schema.ts).
 * Decoding never throws: a bad value keeps its field's default and yields a Problem naming the key,
 * the value and what is allowed; unknown keys are ignored with a warning naming them (unknown-keys.ts),
 * except the lesson keys and the tour's key (link-keys.ts), which their own codecs read from the same link.
 * `decodeConfig(encodeConfig(c)).config` equals `c` for every valid c (numbers are written in
 * shortest round-trip form; −0 is written, and read back, as 0).
 */
import type { ExperimentConfig } from './types';
import { CODEC_VERSION, DEFAULTS, FIELDS, FIELD_BY_KEY, SCHEMA } from './schema';
import { validateConfig, valueProblem, type Problem } from './validate';
import type { Parsed } from './parse';
import { isLayerKey, LESSON_KEYS, TOUR_KEY } from './link-keys';
import { clipText } from './text';
import { unknownKeyProblem } from './unknown-keys';

/** Every key some layer of a link reads, for the "did you mean" of an unknown one. */
const KNOWN_KEYS: readonly string[] = ['v', ...FIELDS.map((r) => r.key), ...LESSON_KEYS, TOUR_KEY];

type C = ExperimentConfig;
type Mutable<T> = { -readonly [P in keyof T]: T[P] };

export interface DecodeResult {
  readonly config: ExperimentConfig;
  readonly problems: readonly Problem[];
}

/** Percent-encode a value but keep commas readable (values are numbers, words and comma lists). */
const escapeValue = (text: string): string => encodeURIComponent(text).replace(/%2C/gi, ',');

/** A field's value as link text (`1,2,4`, `full`, `1e-7`, `0`/`1`); also what a text box should show. */
export function formatField<K extends keyof C>(field: K, value: C[K]): string {
  return SCHEMA[field].format(value);
}

/** Link text → a field's value, or the reason it is refused (checked against the field's row). */
export function parseField<K extends keyof C>(field: K, text: string): Parsed<C[K]> {
  return SCHEMA[field].parse(text);
}

/** URL text of c's field, or undefined when it equals the default. */
function changedText<K extends keyof C>(c: C, field: K): string | undefined {
  const text = formatField(field, c[field]);
  return text === formatField(field, DEFAULTS[field]) ? undefined : text;
}

export function encodeConfig(c: ExperimentConfig): string {
  const parts = [`v=${CODEC_VERSION}`];
  for (const row of FIELDS) {
    if (row.field === 'v') continue;
    const text = changedText(c, row.field);
    if (text !== undefined) parts.push(`${row.key}=${escapeValue(text)}`);
  }
  return parts.join('&');
}

/**
 * The query text inside `text`: a bare query (`v=1&mh=2`), one starting with `?` or `#` (also `#?…`),
 * or a whole URL, whose query is used, or its hash when the query is empty.
 */
export function queryPart(text: string): string {
  const t = text.trim();
  const hashAt = t.indexOf('#');
  const beforeHash = hashAt < 0 ? t : t.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : t.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const query = queryAt < 0 ? '' : beforeHash.slice(queryAt + 1);
  if (query !== '') return query;
  if (hashAt >= 0) {
    const inner = hash.indexOf('?'); // `#?v=1` or a hash route `#/lab?v=1`
    return inner < 0 ? hash : hash.slice(inner + 1);
  }
  if (queryAt >= 0) return '';
  // Neither `?` nor `#`: a bare query, unless it looks like a URL without one.
  return /^[a-z][a-z\d+.-]*:\/\//i.test(t) || t.startsWith('/') ? '' : t;
}

interface Pair {
  readonly key: string;
  readonly value: string;
}

function decodePart(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Split `a=1&b=2`; `+` stays a plus (so `1e+3` survives). Undecodable segments become notices. */
function splitQuery(query: string, problems: Problem[]): Pair[] {
  const pairs: Pair[] = [];
  for (const segment of query.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = decodePart(eq < 0 ? segment : segment.slice(0, eq));
    const value = decodePart(eq < 0 ? '' : segment.slice(eq + 1));
    if (key === undefined || value === undefined) {
      const shown = clipText(segment, 40);
      problems.push({ key: shown, severity: 'warning', message: `${shown}: not valid percent-encoding; ignored` });
    } else {
      pairs.push({ key: key.trim().toLowerCase(), value });
    }
  }
  return pairs;
}

/** Parse one field into `out`, or keep its default and report why. */
function applyField<K extends keyof C>(out: Mutable<C>, field: K, raw: string, problems: Problem[]): void {
  const parsed = parseField(field, raw);
  if (parsed.ok) {
    out[field] = parsed.value;
  } else {
    problems.push(valueProblem(field, raw, `${parsed.reason}; kept the default`, 'warning'));
  }
}

/** Read a share link (see queryPart for the accepted forms). Never throws. */
export function decodeConfig(text: string): DecodeResult {
  const problems: Problem[] = [];
  const pairs = splitQuery(queryPart(text), problems);

  const version = pairs.filter((p) => p.key === 'v').pop();
  if (version !== undefined) {
    const v = SCHEMA.v.parse(version.value);
    if (!v.ok || v.value !== CODEC_VERSION) {
      const reason = `is not a link version this app reads (it reads v=${CODEC_VERSION}); all settings were ignored and the defaults used`;
      return { config: { ...DEFAULTS }, problems: [valueProblem('v', version.value, reason, 'error')] };
    }
  }

  const out: Mutable<C> = { ...DEFAULTS };
  const seen = new Set<string>();
  for (const { key, value } of pairs) {
    if (key === 'v' || isLayerKey(key)) continue;
    const field = FIELD_BY_KEY.get(key);
    if (field === undefined) {
      problems.push(unknownKeyProblem(key, KNOWN_KEYS));
      continue;
    }
    if (seen.has(key)) {
      problems.push({ key, field, severity: 'info', message: `${key}: given more than once; the last readable value counts` });
    }
    seen.add(key);
    applyField(out, field, value, problems);
  }
  return { config: out, problems: [...problems, ...validateConfig(out)] };
}
