import { useSyncExternalStore } from 'react';
import { onThemeChange, setThemeChoice, THEME_CHOICES, themeChoice } from './theme';
import type { ThemeChoice } from './theme';

const LABELS: Readonly<Record<ThemeChoice, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The header's theme control: system / light / dark. */
export function ThemePicker() {
  const choice = useSyncExternalStore(onThemeChange, themeChoice);
  return (
    <div className="theme-picker">
      <label htmlFor="theme" className="inline-label">
        Theme
      </label>
      <select
        id="theme"
        data-testid="theme"
        value={choice}
        onChange={(e) => {
          const v = THEME_CHOICES.find((c) => c === e.target.value);
          if (v) setThemeChoice(v);
        }}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {LABELS[c]}
          </option>
        ))}
      </select>
    </div>
  );
}
