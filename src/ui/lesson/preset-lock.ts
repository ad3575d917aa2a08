/**
 * Presets under a lesson link. Decision: a preset that would change a locked or hidden field is
 * offered but disabled (labelled as such), so a student can never move a field the teacher fixed; a
 * preset that agrees with every locked field stays usable (it changes only what the student may edit).
 */
import { formatField, PRESET_IDS, presetConfig } from '../../core/config';
import type { ExperimentConfig, PresetId } from '../../core/config';
import type { Lesson } from '../../core/lesson';

export function presetsBlocked(lesson: Lesson, current: ExperimentConfig): ReadonlySet<PresetId> {
  const frozen = [...new Set([...lesson.lock, ...lesson.hide])];
  if (frozen.length === 0) return new Set();
  return new Set(
    PRESET_IDS.filter((id) => {
      const c = presetConfig(id);
      return frozen.some((f) => formatField(f, c[f]) !== formatField(f, current[f]));
    }),
  );
}
