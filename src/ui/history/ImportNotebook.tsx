import { useId } from 'react';
import { checkNotebookSize } from '../../state/app-state';
import type { HistoryState } from '../../state/app-state';
import { useApp } from '../app-context';

/**
 * Read a chosen or dropped file as text and hand it to the history (which validates it). A file over
 * the notebook size limit is refused by its size, before it is read.
 */
export async function importFile(file: File, history: Pick<HistoryState, 'importNotebook' | 'refuseImport'>): Promise<void> {
  try {
    checkNotebookSize(file.size);
  } catch (err) {
    history.refuseImport(file.name, err instanceof Error ? err.message : String(err));
    return;
  }
  // An unreadable file reaches the validator as empty text, which it refuses as "not JSON".
  const text = await file.text().catch(() => '');
  await history.importNotebook(file.name, text);
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
          if (file) void importFile(file, history.getState());
        }}
      />
    </span>
  );
}
