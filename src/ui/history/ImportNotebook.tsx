import { useId } from 'react';
import { useApp } from '../app-context';

/** Read a chosen or dropped file as text and hand it to the history (which validates it). */
export async function importFile(file: File, importNotebook: (name: string, text: string) => Promise<boolean>): Promise<void> {
  // An unreadable file reaches the validator as empty text, which it refuses as "not JSON".
  const text = await file.text().catch(() => '');
  await importNotebook(file.name, text);
}

/** The file picker of the lab-notebook import (drag-and-drop is on the whole history panel). */
export function ImportNotebook() {
  const { history } = useApp();
  const id = useId();
  return (
    <span className="history-import">
      <label htmlFor={id} className="button-like">
        Open a lab notebook…
      </label>
      <input
        id={id}
        className="visually-hidden"
        data-testid="history-import"
        type="file"
        accept="application/json,.json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file, (n, t) => history.getState().importNotebook(n, t));
        }}
      />
    </span>
  );
}
