import { useEffect, useRef, useState } from 'react';
import { awaitsPrediction } from '../../state/app-state';
import { useApp } from '../app-context';
import { transportAbilities } from '../run/transport-state';
import { shortcutFor, SHORTCUTS } from './keys';

/**
 * The keyboard shortcuts (Space, S, R, ?) on the whole page, and the dialog listing them, opened
 * with `?` or the header button. Each action is allowed exactly when its transport button is.
 */
export function Shortcuts() {
  const { client, config, run, lesson } = useApp();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = shortcutFor(e);
      if (action === null) return;
      const r = run.getState();
      const c = config.getState();
      const can = transportAbilities(r.state, r.step, c.problems.length, awaitsPrediction(lesson.getState()));
      e.preventDefault();
      if (action === 'help') setOpen(true);
      else if (action === 'toggle') {
        if (can.canPause) client.pause();
        else if (can.canStart) client.play();
      } else if (action === 'step') {
        if (can.canStart) client.step(c.config.logEvery);
      } else if (can.canReset) client.reset();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, config, run, lesson]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <>
      <button type="button" data-testid="shortcuts-button" aria-keyshortcuts="?" onClick={() => setOpen(true)}>
        Shortcuts
      </button>
      <dialog ref={dialog} className="shortcuts-dialog" data-testid="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <p className="muted small">Not while typing in a field.</p>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" data-testid="shortcuts-close">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
