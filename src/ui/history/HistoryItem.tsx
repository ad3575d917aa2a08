import type { RunRecord } from '../../state/app-state';
import { isFinal } from '../../state/app-state';
import { useApp } from '../app-context';
import { runColor } from './colors';
import { configDiff } from './diff';
import { downloadText, notebookFileName } from './download';

interface Props {
  readonly run: RunRecord;
  /** The run before it (older), for the "what changed" label. */
  readonly previous: RunRecord | undefined;
  readonly live: boolean;
  readonly selected: boolean;
  readonly reopened: boolean;
}

function when(t: number): string {
  const d = new Date(t);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

/** What the list says about a run's state: a run left unfinished by a reload is "interrupted". */
function stateLabel(r: RunRecord, live: boolean): string {
  if (isFinal(r.state)) return r.state === 'error' ? 'failed' : r.state;
  return live ? r.state : 'interrupted';
}

/** One kept run: colour, time, state, what changed, and its actions. */
export function HistoryItem({ run: r, previous, live, selected, reopened }: Props) {
  const { history } = useApp();
  const label = `run #${r.seq}`;
  const state = stateLabel(r, live);
  const download = (): void => {
    const text = history.getState().notebook(r.id);
    if (text !== null) downloadText(notebookFileName(r.seq, r.startedAt), text);
  };
  return (
    <li className={`history-item${reopened ? ' reopened' : ''}`} data-testid="history-item" data-run-id={r.id} data-state={state}>
      <span className="run-swatch" style={{ background: runColor(r.seq) }} aria-hidden="true" />
      <div className="history-main">
        <div className="history-line">
          <strong>#{r.seq}</strong>
          <time dateTime={new Date(r.startedAt).toISOString()}>{when(r.startedAt)}</time>
          <span className={`history-state state-${state}`} data-testid="history-state">
            {state}
          </span>
          <span className="muted small">
            step {r.step} / {r.totalSteps}
            {r.backend ? ` · ${r.backend}` : ''}
            {r.imported ? ' · imported' : ''}
          </span>
        </div>
        <div className="history-diff small" data-testid="history-diff">
          {previous ? configDiff(previous.config, r.config) : 'first run'}
        </div>
      </div>
      <div className="history-actions">
        <button type="button" data-testid="history-reopen" aria-label={`Reopen ${label}`} onClick={() => history.getState().reopen(r.id)}>
          Reopen
        </button>
        <label className="inline-label">
          <input type="checkbox" data-testid="history-compare" checked={selected} onChange={() => history.getState().toggleSelect(r.id)} />
          <span>Compare</span>
          <span className="visually-hidden"> {label}</span>
        </label>
        <button type="button" data-testid="history-download" aria-label={`Download JSON lab notebook of ${label}`} onClick={download}>
          Download JSON
        </button>
        <button type="button" data-testid="history-delete" aria-label={`Delete ${label}`} onClick={() => void history.getState().remove(r.id)}>
          Delete
        </button>
      </div>
    </li>
  );
}
