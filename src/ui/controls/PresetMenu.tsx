import { useMemo, useState } from 'react';
import { DEFAULTS, encodeConfig, isPresetId, presetConfig, PRESET_IDS, PRESETS } from '../../core/config';
import type { PresetId } from '../../core/config';
import { useApp, useConfig } from '../app-context';
import { presetsBlocked } from '../lesson/preset-lock';
import { useLesson, useTheoryHidden } from '../lesson/use-lesson';

const CUSTOM = 'custom';
/** Each preset's link text, to recognise the current settings as a preset. */
const PRESET_LINKS: ReadonlyMap<string, PresetId> = new Map(PRESET_IDS.map((id) => [encodeConfig(presetConfig(id)), id]));

/** Choose a preset (one per experiment of the paper); shows its blurb, or "custom" once edited. */
export function PresetMenu() {
  const { config } = useApp();
  const current = useConfig((s) => s.config);
  const [lastChosen, setLastChosen] = useState<PresetId | null>(null);
  const matched = useMemo(() => PRESET_LINKS.get(encodeConfig(current)) ?? null, [current]);
  const preset = matched === null ? null : PRESETS[matched];
  const isDefaults = useMemo(() => encodeConfig(current) === encodeConfig(DEFAULTS), [current]);
  const lesson = useLesson((s) => s.lesson);
  const blocked = useMemo(() => presetsBlocked(lesson, current), [lesson, current]);
  const spoiler = useTheoryHidden();
  const customTitle = isDefaults
    ? 'Defaults (no preset)'
    : `Custom settings${lastChosen !== null ? ` (edited from “${PRESETS[lastChosen].title}”)` : ''}`;
  return (
    <section className="presets">
      <label htmlFor="preset-select" className="field-label">
        Preset
      </label>
      <select
        id="preset-select"
        data-testid="preset-select"
        value={matched ?? CUSTOM}
        aria-describedby="preset-blurb"
        onChange={(e) => {
          const id = e.target.value;
          if (!isPresetId(id)) return;
          setLastChosen(id);
          config.getState().applyPreset(id);
        }}
      >
        {matched === null && (
          <option value={CUSTOM} disabled>
            {customTitle}
          </option>
        )}
        {PRESET_IDS.map((id) => (
          <option key={id} value={id} disabled={blocked.has(id)}>
            {PRESETS[id].title}
            {blocked.has(id) ? ' (changes settings this lesson locks)' : ''}
          </option>
        ))}
      </select>
      <p className="preset-blurb" id="preset-blurb" data-testid="preset-blurb">
        {preset !== null
          ? spoiler
            ? `${preset.title}. The preset’s notes (the paper’s findings and the measured results) appear after you predict and the run finishes.`
            : preset.blurb
          : `${isDefaults ? 'These are the schema defaults.' : 'These settings match no preset.'} Choose a preset to start from an experiment of the paper; every field below can then be changed.`}
      </p>
    </section>
  );
}
