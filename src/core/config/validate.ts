/**
 * Cross-field rules: things no single row's bounds can express (2·swapK ≤ τ, ranks ≤ modes, …).
 * A rule only fires when the fields it relates are in use, so e.g. a short τ is fine when no
 * ordering alteration runs. Messages name the URL keys involved.
 */
import type { ExperimentConfig } from './types';
import { CODEC_VERSION, FIELDS, SCHEMA, keyOf } from './schema';
import { clipText } from './text';
import { laneCount, MAX_LANES } from './lanes';

type C = ExperimentConfig;

/**
 * 'error': the config cannot run as given (a cross-field rule, an unreadable version);
 * 'warning': a link value was refused and the field's default kept, or a key is not a setting;
 * 'info': something harmless in a link was ignored (a repeated key, a tracking parameter).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  /** URL key the problem is about (the first one named, for rules relating several). */
  readonly key: string;
  /** The field behind `key`, when the key is known. */
  readonly field?: keyof C;
  readonly severity: Severity;
  /** Human-readable; starts with the key, e.g. `mh: "99" is out of range 1–64`. */
  readonly message: string;
}

/** `key: "raw" reason`, the one message form for a refused value. */
export const valueProblem = (field: keyof C, raw: string, reason: string, severity: Severity): Problem => {
  const shown = raw.length > 40 ? `${clipText(raw, 38).slice(0, -1)}...` : raw;
  // The reason is the parser's; a last bound keeps any one message to a few lines.
  return { key: keyOf(field), field, severity, message: clipText(`${keyOf(field)}: ${JSON.stringify(shown)} ${reason}`, 300) };
};

/** A field's own bounds, checked by formatting the value and parsing it back. */
function fieldProblem<K extends keyof C>(c: C, field: K): Problem | undefined {
  const row = SCHEMA[field];
  const text = row.format(c[field]);
  const parsed = row.parse(text);
  return parsed.ok ? undefined : valueProblem(field, text, parsed.reason, 'error');
}

const error = (field: keyof C, message: string): Problem => ({
  key: keyOf(field),
  field,
  severity: 'error',
  message: `${keyOf(field)}: ${message}`,
});

/** The model is trained at all (the 'exact' kind only evaluates ρ). */
const trains = (c: C): boolean => c.kind !== 'exact';
/** The ordering alteration is applied in this run. */
const usesOrder = (c: C): boolean => c.kind === 'compare' || (trains(c) && c.alteration === 'order');
const usesMix = (c: C): boolean => c.kind === 'compare' || (trains(c) && c.alteration === 'mix');
/** The coupling ρ (spectrum, ranks, modes) is in use. */
const usesCoupling = (c: C): boolean => c.kind === 'exact' || c.target === 'coupling';

type Rule = (c: C) => Problem | undefined;

const RULES: readonly Rule[] = [
  (c) =>
    c.v === CODEC_VERSION ? undefined : error('v', `${c.v} is not the config version this app reads (${CODEC_VERSION})`),

  (c) =>
    usesOrder(c) && c.order === 'swap' && 2 * c.swapK > c.tau
      ? error('swapK', `swapping the first and last ${c.swapK} values needs 2·swapk ≤ tau, but 2·${c.swapK} > ${c.tau}`)
      : undefined,

  (c) =>
    usesOrder(c) && c.order === 'rotate' && c.rotateK >= c.tau
      ? error('rotateK', `rotating by ${c.rotateK} needs rotk < tau, but ${c.rotateK} ≥ ${c.tau}`)
      : undefined,

  (c) =>
    usesMix(c) && c.mixLen > c.tau
      ? error('mixLen', `a mixing filter of length ${c.mixLen} needs mixlen ≤ tau, but ${c.mixLen} > ${c.tau}`)
      : undefined,

  (c) =>
    c.kind === 'exact' && c.target !== 'coupling'
      ? error('kind', `kind=exact computes the SVD of a coupling ρ; it needs target=coupling, not target=${c.target}`)
      : undefined,

  (c) =>
    c.fixedFeatures && trains(c) && c.target !== 'coupling'
      ? error('fixedFeatures', `fixed features are the coupling target's own φ_k; fixed=1 needs target=coupling, not target=${c.target}`)
      : undefined,

  (c) =>
    usesCoupling(c) && c.spectrum === 'list' && c.sigmas.length === 0
      ? error('sigmas', 'the list spectrum (spec=list) needs at least one value in sigmas')
      : undefined,

  (c) =>
    usesCoupling(c) && c.spectrum === 'list' && c.sigmas.length > c.modes
      ? error('sigmas', `${c.sigmas.length} values but only modes=${c.modes} are kept; raise modes or shorten sigmas`)
      : undefined,

  (c) => {
    if (!usesCoupling(c)) return undefined;
    const listed = c.spectrum === 'list' && c.sigmas.length > 0 && c.sigmas.length < c.modes;
    const limit = listed ? c.sigmas.length : c.modes;
    const bad = c.ranks.find((r) => r !== 'full' && r > limit);
    if (bad === undefined) return undefined;
    const why = listed ? `the ${limit} values in sigmas (spec=list)` : `modes=${c.modes}`;
    return error('ranks', `rank ${String(bad)} exceeds ${why}; finite ranks must be ≤ ${limit}`);
  },

  (c) => {
    const lanes = laneCount(c);
    if (lanes <= MAX_LANES) return undefined;
    // Name the list that grew the count most: a sweep's head sizes, else the seeds.
    const field = c.kind === 'sweep' && c.mHs.length * c.ranks.length > c.seeds ? 'mHs' : 'seeds';
    const product =
      c.kind === 'sweep'
        ? `${c.ranks.length} ranks × ${c.mHs.length} head sizes (mhs) × ${c.seeds} seeds`
        : c.kind === 'compare'
          ? `2 models × 3 alterations × ${c.seeds} seeds`
          : `${c.seeds} seeds`;
    return error(field, `this experiment trains ${product} = ${lanes} lanes; at most ${MAX_LANES} lanes run in one experiment (use fewer seeds, head sizes or ranks)`);
  },

  (c) =>
    trains(c) && c.logEvery > c.steps
      ? error('logEvery', `${c.logEvery} exceeds steps=${c.steps}: the loss would never be read`)
      : undefined,

  (c) =>
    trains(c) && c.evalEvery > c.steps
      ? error('evalEvery', `${c.evalEvery} exceeds steps=${c.steps}: no evaluation would fall inside the run`)
      : undefined,
];

/**
 * Everything wrong with a config built in code: each field's own bounds (a decoded link already
 * satisfies them), then the cross-field rules.
 */
export function validateConfig(c: ExperimentConfig): Problem[] {
  const own = FIELDS.map((row) => fieldProblem(c, row.field));
  const cross = RULES.map((rule) => rule(c));
  return [...own, ...cross].filter((p): p is Problem => p !== undefined);
}
