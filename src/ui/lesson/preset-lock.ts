/**
 * Presets under a lesson link. Decision: a preset that would change a locked or hidden field is
 * offered but disabled (labelled as such), so a student can never move a field the teacher fixed; a
 * preset that agrees with every locked field stays usable (it changes only what the student may edit).
 * The config store refuses such a preset too (state/config-store.ts), whatever the menu shows.
 */
import { PRESET_IDS, presetConfig } from '../../core/config';
import type { ExperimentConfig, PresetId } from '../../core/config';
import { frozenFields, lockedChanges } from '../../core/lesson';
import type { Lesson } from '../../core/lesson';

export function presetsBlocked(lesson: Lesson, current: ExperimentConfig): ReadonlySet<PresetId> {
  const frozen = frozenFields(lesson);
  if (frozen.length === 0) return new Set();
  return new Set(PRESET_IDS.filter((id) => lockedChanges(frozen, current, presetConfig(id)).length > 0));
}
