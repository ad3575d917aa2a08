/** The id of the settings column (ControlPanel's nav), which the toggle controls. */
export const SETTINGS_ID = 'experiment-settings';

interface Props {
  readonly open: boolean;
  readonly onToggle: () => void;
}

/**
 * On a narrow screen (a phone) the settings column folds away so the run and its figures get the
 * width; this button, shown only there (see styles/narrow.css), opens and closes it.
 */
export function SettingsToggle({ open, onToggle }: Props) {
  return (
    <button type="button" className="settings-toggle" aria-expanded={open} aria-controls={SETTINGS_ID} data-testid="settings-toggle" onClick={onToggle}>
      {open ? 'Hide settings' : 'Settings'}
    </button>
  );
}
