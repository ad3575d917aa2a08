/**
 * What the settings panel's essentials view shows: the experiment's essential fields, plus every
 * other field that must not be out of sight (locked by a lesson link, invalid, or holding text that
 * did not parse; and those the panel keeps because they were shown so, so a field does not vanish
 * while it is being fixed), and which of the fields left out hold a value other than the default
 * (listed, so nothing that shapes the run is hidden silently).
 */
import { DEFAULTS, essentialFields, formatField } from '../../core/config';
import type { AnyFieldRow, ExperimentConfig, Problem } from '../../core/config';
import type { Lesson } from '../../core/lesson';
import { problemsOf } from './field-meta';

type Field = keyof ExperimentConfig;

export interface EssentialsView {
  /** The rows shown, in schema order. */
  readonly shown: readonly AnyFieldRow[];
  /** Rows left out whose value differs from the default, in schema order. */
  readonly changed: readonly AnyFieldRow[];
  /** How many rows are left out. */
  readonly hidden: number;
  /** The fields shown that are not essential. */
  readonly extra: readonly Field[];
}

export interface PanelInputs {
  /** The rows the panel may show at all (a lesson's hidden fields already removed). */
  readonly rows: readonly AnyFieldRow[];
  readonly config: ExperimentConfig;
  readonly lesson: Lesson;
  /** The config's problems, and those of the link it was opened with (a refused value names its field). */
  readonly problems: readonly Problem[];
  readonly drafts: Readonly<Partial<Record<Field, unknown>>>;
  /** Fields to show whatever their state (the panel's memory of fields it showed as extras). */
  readonly keep?: ReadonlySet<Field>;
}

/** Split the panel's rows into the essentials view and what it leaves out. */
export function essentialsView({ rows, config, lesson, problems, drafts, keep }: PanelInputs): EssentialsView {
  const essential = new Set(essentialFields(config));
  const mustShow = (r: AnyFieldRow): boolean =>
    essential.has(r.field) ||
    keep?.has(r.field) === true ||
    lesson.lock.includes(r.field) ||
    drafts[r.field] !== undefined ||
    problemsOf(r, problems).length > 0;
  const shown = rows.filter(mustShow);
  const left = rows.filter((r) => !mustShow(r));
  const changed = left.filter((r) => formatField(r.field, config[r.field]) !== formatField(r.field, DEFAULTS[r.field]));
  const extra = shown.map((r) => r.field).filter((f) => !essential.has(f));
  return { shown, changed, hidden: left.length, extra };
}
