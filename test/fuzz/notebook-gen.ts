/**
 * Notebooks for the fuzz: valid ones built from the plan of a few configs (every kind, RNN and
 * memory targets included), then mutated: a value anywhere replaced by a special, huge, negative,
 * wrong-typed or deeply nested one, entries deleted or duplicated, or the text itself truncated,
 * patched with 1e999 or a `__proto__` key.
 */
import { decodeConfig } from '../../src/core/config';
import { planLanes, planTargetSpecs } from '../../src/core/train/plan';
import { notebookText } from '../../src/state/history/notebook';
import type { RunRecord } from '../../src/state/history/record';
import type { Rand } from './rand';

export const BASE_LINKS = [
  'kind=sweep&mhs=1,2&tau=4&steps=100&seed=7',
  'kind=compare&target=memory&tau=8&swapk=2&mixlen=2&mh=2&steps=60&evalev=20',
  'kind=single&model=rnn&target=memory&tau=6&steps=40&logev=5&evalev=20',
  'kind=single&tau=5&steps=50&seeds=2&mh=3&evalev=25',
] as const;

/** A valid record of `link`'s plan, with seeded values (a few evaluations and spectra snapshots). */
export function validRecord(link: string, r: Rand): RunRecord {
  const { config, problems } = decodeConfig(link);
  const bad = problems.filter((p) => p.severity !== 'info');
  if (bad.length > 0) throw new Error(`fuzz base link ${link}: ${bad.map((p) => p.message).join('; ')}`);
  const lanes = planLanes(config).map(({ label, model, mH, target, seedIndex }) => ({ label, model, mH, target, seedIndex }));
  const targets = planTargetSpecs(config).length;
  const T = config.tau;
  const L = lanes.length;
  const transformers = lanes.flatMap((l, i) => (l.model === 'transformer' ? [i] : []));
  const count = 3;
  const f32 = (n: number): Float32Array => Float32Array.from({ length: n }, () => Math.fround(r.unit()));
  const f64 = (n: number): Float64Array => Float64Array.from({ length: n }, () => r.unit());
  const steps = [config.steps / 2, config.steps].map(Math.round);
  const trainSteps = Array.from({ length: 5 }, (_, i) => Math.round(((i + 1) * config.steps) / 5));
  return {
    id: 'fuzz',
    seq: 1,
    startedAt: Date.parse('2026-01-02T03:04:05Z'),
    updatedAt: 0,
    state: 'done',
    message: null,
    config,
    link: link.startsWith('v=') ? link : `v=1&${link}`,
    appVersion: '0.1.0',
    backend: 'wasm',
    step: config.steps,
    totalSteps: config.steps,
    lanes,
    targetVariance: Array.from({ length: targets }, () => r.unit()),
    targetSpectra: Array.from({ length: targets }, () =>
      config.target === 'memory' ? null : { exact: [1, 0.5, 0.25], count, keep: T, raw: f32(count * T), centred: f32(count * T) },
    ),
    metrics: {
      trainSteps,
      trainLoss: lanes.map(() => trainSteps.map(() => Math.fround(r.unit()))),
      evals: steps.map((step) => ({ step, mse: f64(L), rel: f64(L), byT: f64(L * T) })),
      spectra:
        transformers.length === 0
          ? []
          : steps.map((step) => ({ step, lanes: transformers, count, keep: T, raw: f32(transformers.length * count * T), centred: f32(transformers.length * count * T), attention: f32(transformers.length * T * T), attentionCount: count })),
    },
    checkpointStep: null,
    imported: false,
  };
}

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** Every [container, key] inside a parsed notebook, to pick one to mutate. */
function slots(root: JsonValue): [JsonValue[] | Record<string, JsonValue>, string | number][] {
  const out: [JsonValue[] | Record<string, JsonValue>, string | number][] = [];
  const walk = (v: JsonValue): void => {
    if (Array.isArray(v)) {
      // Long number arrays: a few of their entries are enough.
      const picks = v.length > 8 ? [0, 1, v.length - 1] : v.map((_, i) => i);
      for (const i of picks) {
        out.push([v, i]);
        walk(v[i] ?? null);
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k] ?? null);
      }
    }
  };
  walk(root);
  return out;
}

function nested(depth: number): JsonValue {
  let v: JsonValue = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function replacement(r: Rand): JsonValue {
  return r.pick<() => JsonValue>([
    () => 1e308,
    () => -1,
    () => -0.5,
    () => 0,
    () => 0.5,
    () => 1e9,
    () => 2 ** 53 + 1,
    () => 3.5e38,
    () => null,
    () => true,
    () => '',
    () => r.nasty(),
    () => ({}),
    () => [],
    () => [1e308],
    () => nested(30),
    () => new Array<JsonValue>(50_000).fill(0),
    () => JSON.parse('{"__proto__":{"polluted":1}}') as JsonValue,
  ])();
}

function mutateObject(r: Rand, nb: JsonValue): void {
  const all = slots(nb);
  if (all.length === 0) return;
  const [parent, key] = r.pick(all);
  const op = r.int(10);
  if (Array.isArray(parent) && typeof key === 'number') {
    if (op === 0) parent.splice(key, 1);
    else if (op === 1) parent.push(structuredClone(parent[key] ?? null));
    else parent[key] = replacement(r);
  } else if (!Array.isArray(parent) && typeof key === 'string') {
    if (op === 0) Reflect.deleteProperty(parent, key);
    else parent[key] = replacement(r);
  }
}

function mutateText(r: Rand, text: string): string {
  return r.pick<() => string>([
    () => text.slice(0, r.int(text.length)),
    () => text.replace(/\d+\.\d+/, r.pick(['1e999', '-1e999', '1e308'])),
    () => text.replace('{', '{"__proto__":{"polluted":1},'),
    () => text.replace('"metrics":{', `"metrics":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)},`),
    () => {
      const i = r.int(text.length);
      return text.slice(0, i) + r.pick(['"', '[', '}', ',', '\\', 'x']) + text.slice(i + 1);
    },
  ])();
}

/** The n-th notebook case: 10% valid as built, the rest mutated once to three times. */
export function generateNotebook(r: Rand): { text: string; valid: boolean } {
  const text = notebookText(validRecord(r.pick(BASE_LINKS), r), new Date('2026-01-02T04:00:00Z'));
  if (r.chance(0.1)) return { text, valid: true };
  if (r.chance(0.25)) return { text: mutateText(r, text), valid: false };
  const nb = JSON.parse(text) as JsonValue;
  for (let i = 1 + r.int(3); i > 0; i--) mutateObject(r, nb);
  return { text: JSON.stringify(nb), valid: false };
}
