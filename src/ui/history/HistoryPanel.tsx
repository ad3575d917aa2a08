import { useMemo, useState } from 'react';
import { encodeConfig } from '../../core/config';
import { resumableRun } from '../../state/app-state';
import { useApp, useConfig, useRun } from '../app-context';
import { noticeText } from '../format';
import { CompareRuns } from './CompareRuns';
import { HistoryItem } from './HistoryItem';
import { importFile, ImportNotebook } from './ImportNotebook';
import { useHistory } from './use-history';

/**
 * Every run kept in this browser, newest first: reopen one (its plots come back without training),
 * overlay two, download or import lab notebooks, delete; and, after a reload, resume the link's
 * interrupted run from its last checkpoint.
 */
export function HistoryPanel() {
  const { history } = useApp();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const runs = useHistory((s) => s.runs);
  const liveId = useHistory((s) => s.liveId);
  const selected = useHistory((s) => s.selected);
  const reopenedId = useHistory((s) => s.reopenedId);
  const storage = useHistory((s) => s.storage);
  const refusal = useHistory((s) => s.refusal);
  const config = useConfig((s) => s.config);
  const runState = useRun((s) => s.state);
  const step = useRun((s) => s.step);
  const link = useMemo(() => encodeConfig(config), [config]);
  const resumable = resumableRun({ runs, liveId }, link, { state: runState, step });
  const compared = useMemo(() => runs.filter((r) => selected.includes(r.id)), [runs, selected]);

  const onDrop = (e: React.DragEvent): void => {
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    void importFile(file, history.getState());
  };

  return (
    <section
      className="panel history"
      aria-labelledby="history-title"
      data-testid="history"
      data-storage={storage}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={onDrop}
    >
      <div className="plot-head">
        <h2 id="history-title">
          <button type="button" className="disclosure" aria-expanded={open} aria-controls="history-body" data-testid="history-toggle" onClick={() => setOpen(!open)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> Run history ({runs.length})
          </button>
        </h2>
        <ImportNotebook />
      </div>
      {resumable && (
        <div className="notice info" data-testid="resume-offer" role="status">
          <p className="notice-body">
            Run #{resumable.seq} of this link was interrupted at step {resumable.checkpointStep} of {resumable.totalSteps}; its last checkpoint is
            kept.
          </p>
          <button type="button" className="primary" data-testid="resume" onClick={() => void history.getState().resume(resumable.id)}>
            Resume from step {resumable.checkpointStep}
          </button>
        </div>
      )}
      {refusal && (
        <div className="notice error" role="alert" data-testid="import-error">
          <p className="notice-body">{noticeText(refusal)}</p>
          <button type="button" className="dismiss" onClick={() => history.getState().dismissRefusal()}>
            Dismiss
          </button>
        </div>
      )}
      {open && (
        <div id="history-body" className="history-body">
          <p className="muted small" data-testid="history-storage">
            {storage === 'memory'
              ? 'Browser storage is unavailable: runs are kept only until this page is closed.'
              : 'Runs are kept in this browser. Drop a lab notebook (.json) here to open it.'}
          </p>
          {runs.length === 0 ? (
            <p className="muted small">No runs yet: press Play.</p>
          ) : (
            <ol className="history-list" data-testid="history-list">
              {runs.map((r, i) => (
                <HistoryItem key={r.id} run={r} previous={runs[i + 1]} live={r.id === liveId} selected={selected.includes(r.id)} reopened={r.id === reopenedId} />
              ))}
            </ol>
          )}
          {compared.length === 2 ? <CompareRuns runs={compared} /> : runs.length > 1 ? <p className="muted small">Tick Compare on two runs to overlay their curves.</p> : null}
          {runs.length > 0 &&
            (confirming ? (
              <div className="history-confirm" role="group" aria-label="Confirm deleting every run">
                <span>Delete all {runs.length} runs? This cannot be undone.</span>
                <button
                  type="button"
                  className="danger"
                  data-testid="history-delete-all-confirm"
                  onClick={() => {
                    setConfirming(false);
                    void history.getState().clear();
                  }}
                >
                  Yes, delete all
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            ) : (
              <button type="button" data-testid="history-delete-all" onClick={() => setConfirming(true)}>
                Delete all…
              </button>
            ))}
        </div>
      )}
    </section>
  );
}
