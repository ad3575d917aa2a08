/**
 * Reading a study file (JSON): `{ "name": …, "base": <share link or preset>, "axes": { "alpha": [0.55, 1],
 * "seed": [0, 1] }, "unitsPerExperiment": 2 }`. Every problem is a StudyError naming the key at fault;
 * whether each grid point is a link that decodes cleanly is checked by expandStudy.
 */
import { FIELD_BY_KEY, FIELDS, encodeConfig, isPresetId, presetConfig, PRESET_IDS } from '../config';
import { StudyError } from './errors';
import type { Study, StudyAxis } from './types';

const TOP_KEYS = ['name', 'base', 'axes', 'unitsPerExperiment'];

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** One axis value as link text: numbers and words as written, a list as `1,2,4`. */
function valueText(key: string, v: unknown, i: number): string {
  const where = `axes.${key}[${i}]`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new StudyError(`${where}: ${String(v)} is not a finite number`);
    return String(v);
  }
  if (typeof v === 'string' && v.trim() !== '' && !/[&=#?]/.test(v)) return v.trim();
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || typeof x === 'string')) return v.join(',');
  throw new StudyError(`${where}: expected a number, a word or a list of them, found ${JSON.stringify(v)}`);
}

function axis(key: string, values: unknown): StudyAxis {
  const k = key.trim().toLowerCase();
  if (k === 'v') throw new StudyError('axes.v: the link version is not an axis');
  if (!FIELD_BY_KEY.has(k)) {
    const byName = FIELDS.find((row) => row.field.toLowerCase() === k);
    const hint = byName ? ` (its link key is "${byName.key}")` : '';
    throw new StudyError(`axes.${key}: not a share-link key${hint}`);
  }
  if (!Array.isArray(values) || values.length === 0) throw new StudyError(`axes.${key}: expected a non-empty list of values`);
  const texts = values.map((v, i) => valueText(key, v, i));
  const twice = texts.find((t, i) => texts.indexOf(t) !== i);
  if (twice !== undefined) throw new StudyError(`axes.${key}: the value ${twice} is given twice`);
  return { key: k, values: texts };
}

/** The base as link text: a preset id becomes its link; anything else must look like a link. */
function baseLink(base: unknown): string {
  if (typeof base !== 'string' || base.trim() === '') throw new StudyError('base: expected a share link or a preset id (a string)');
  const b = base.trim();
  if (isPresetId(b)) return encodeConfig(presetConfig(b));
  if (!b.includes('=')) throw new StudyError(`base: "${b}" is neither a share link nor a preset (${PRESET_IDS.join(', ')})`);
  return b;
}

/** Validate a study file's parsed JSON. Throws a StudyError naming the first bad key. */
export function parseStudy(data: unknown, fallbackName = 'study'): Study {
  if (!isRecord(data)) throw new StudyError('the study file: expected a JSON object with "base" and "axes"');
  const unknown = Object.keys(data).find((k) => !TOP_KEYS.includes(k));
  if (unknown !== undefined) throw new StudyError(`${unknown}: unknown key (a study has ${TOP_KEYS.join(', ')})`);
  const name = data.name === undefined ? fallbackName : data.name;
  if (typeof name !== 'string' || !/^[\w.-]{1,80}$/.test(name)) throw new StudyError('name: expected 1–80 letters, digits, "_", "-" or "."');
  if (!isRecord(data.axes)) throw new StudyError('axes: expected an object of link key → list of values');
  const axes = Object.entries(data.axes).map(([k, v]) => axis(k, v));
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.key)) throw new StudyError(`axes.${a.key}: given twice`);
    seen.add(a.key);
  }
  const u = data.unitsPerExperiment;
  if (u !== undefined && (typeof u !== 'number' || !Number.isInteger(u) || u < 1 || u > 1024)) {
    throw new StudyError(`unitsPerExperiment: expected an integer 1…1024, found ${JSON.stringify(u)}`);
  }
  return { name, base: baseLink(data.base), axes, unitsPerExperiment: u ?? null };
}

/** Parse a study file's text (JSON). */
export function parseStudyText(text: string, fallbackName?: string): Study {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StudyError(`the study file is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseStudy(data, fallbackName);
}
