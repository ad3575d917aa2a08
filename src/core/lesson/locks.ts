/**
 * What a lesson's locks forbid: moving a locked or hidden field away from the value the page holds.
 * The config store applies this to every change (a control, a preset, an imported or reopened run),
 * so no path into the config can move a field the teacher fixed.
 */
import { formatField } from './deps';
import type { ExperimentConfig } from './deps';
import type { Field, Lesson } from './types';

/** The fields a lesson freezes (locked or hidden), once each. */
export const frozenFields = (lesson: Lesson): readonly Field[] => [...new Set([...lesson.lock, ...lesson.hide])];

/** The frozen fields whose value differs between `from` and `to` (compared as link text), in `frozen`'s order. */
export function lockedChanges(frozen: readonly Field[], from: ExperimentConfig, to: ExperimentConfig): Field[] {
  return frozen.filter((f) => formatField(f, from[f]) !== formatField(f, to[f]));
}
