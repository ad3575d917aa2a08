import { useId } from 'react';
import { tick } from '../../core/train/yield';
import type { HistoryState, NotebookSource } from '../../state/app-state';
import { useApp } from '../app-context';

/** A picked or dropped file as the history reads it: a folder's files are named by their path in it. */
export const sourceOf = (file: File): NotebookSource => ({
  name: file.webkitRelativePath || file.name,
  size: file.size,
  text: () => file.text(),
});

/**
 * Hand chosen or dropped files to the history, which checks each (its size before reading it, then
 * the notebook validation) and keeps the good ones.
 */
export async function importFiles(files: FileList | readonly File[] | null, history: Pick<HistoryState, 'importNotebooks'>): Promise<void> {
  const list = files ? Array.from(files) : [];
  if (list.length > 0) await history.importNotebooks(list.map(sourceOf));
}

/**
 * The lab-notebook import: one or several files, or a whole folder (a study's `notebooks/`).
 * Drag-and-drop is on the whole history panel.
 */
export function ImportNotebook() {
  const { history } = useApp();
  const id = useId();
  const onChange = (e: React.ChangeEvent<HTMLInputElement>): void => {
    const files = e.target.files ? Array.from(e.target.files) : [];
    e.target.value = '';
    // The import starts in a task of its own: the browser's handling of a large pick is this one's.
    void tick().then(() => importFiles(files, history.getState()));
  };
  return (
    <span className="history-import">
      <input id={`${id}-files`} className="visually-hidden" data-testid="history-import" type="file" accept="application/json,.json" multiple onChange={onChange} />
      <label htmlFor={`${id}-files`} className="button-like">
        Open lab notebooks…
      </label>
      <input id={`${id}-folder`} className="visually-hidden" data-testid="history-import-folder" type="file" webkitdirectory="" multiple onChange={onChange} />
      <label htmlFor={`${id}-folder`} className="button-like" title="A folder of notebooks, e.g. a merged study's notebooks/">
        Open a folder…
      </label>
    </span>
  );
}
