/**
 * Whether a set of runs forms a study, and along which fields: the runs must be of one kind, and the
 * fields whose values differ between their configs are the study's axes (a study file's `axes`,
 * recovered from the notebooks' own configs). One axis is drawn along x (α when it varies), the
 * seed axis becomes the spread of each point, and any other axis splits the points into series.
 */
import { FIELDS, formatField } from '../config';
import type { ExperimentConfig, ExperimentKind } from '../config';

type Field = keyof ExperimentConfig;

/** Fields that do not change a run's numbers (as in the lesson digest's fingerprint): never an axis. */
const NOT_AXES: ReadonlySet<Field> = new Set<Field>(['centre', 'workers']);

export interface StudyShape {
  readonly kind: Exclude<ExperimentKind, 'exact'>;
  /** Every field that differs between the runs, in the schema's (= the link's) order. */
  readonly axes: readonly Field[];
  /** The field along x: α when it varies, else the first axis that is not the seed. */
  readonly x: Field;
  /** 'seed' when the seed varies beside x: each point is then a mean over seeds, with their spread. */
  readonly spread: 'seed' | null;
  /** The remaining axes: each combination of their values is one series. */
  readonly seriesBy: readonly Field[];
}

/** Why the runs do not form a study, in words for the view. */
export interface NotAStudy {
  readonly error: string;
}

export const isStudyShape = (s: StudyShape | NotAStudy): s is StudyShape => !('error' in s);

/** A field's value as the link writes it (the text two runs are compared by). */
export const fieldText = (c: ExperimentConfig, f: Field): string => formatField(f, c[f]);

function countKinds(configs: readonly ExperimentConfig[]): string {
  const counts = new Map<string, number>();
  for (const c of configs) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** The study the configs form, or why they form none. */
export function studyShape(configs: readonly ExperimentConfig[]): StudyShape | NotAStudy {
  const first = configs[0];
  if (!first || configs.length < 2) return { error: 'a study needs at least two runs' };
  const kind = first.kind;
  if (configs.some((c) => c.kind !== kind)) {
    return { error: `the runs are of different kinds (${countKinds(configs)}): a study compares runs of one kind` };
  }
  if (kind === 'exact') return { error: 'exact-spectra runs train nothing: there is no result to compare' };
  // Numbers, words and flags compare as values; lists (m_h, ranks, σ) as the link writes them.
  const differs = (c: ExperimentConfig, f: Field): boolean => (typeof c[f] === 'object' ? fieldText(c, f) !== fieldText(first, f) : c[f] !== first[f]);
  const axes = FIELDS.map((row) => row.field).filter((f) => !NOT_AXES.has(f) && configs.some((c) => differs(c, f)));
  const x = axes.includes('alpha') ? 'alpha' : (axes.find((f) => f !== 'seed') ?? axes[0]);
  if (x === undefined) {
    return { error: `the ${configs.length} runs have the same settings: nothing varies between them, so there is no study to draw` };
  }
  const spread = x !== 'seed' && axes.includes('seed') ? 'seed' : null;
  return { kind, axes, x, spread, seriesBy: axes.filter((f) => f !== x && f !== spread) };
}
