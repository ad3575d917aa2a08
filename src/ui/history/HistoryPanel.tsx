import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { encodeConfig } from '../../core/config';
import { resumableRun } from '../../state/app-state';
import type { HistoryState } from '../../state/app-state';
import { useApp, useConfig, useRun } from '../app-context';
import { PanelBoundary } from '../layout/PanelBoundary';
import { noticeText } from '../format';
import { CompareRuns } from './CompareRuns';
import { HistoryItem } from './HistoryItem';
import { importFiles, ImportNotebook } from './ImportNotebook';
import { ImportProgress, ImportReportNotice } from './ImportReportNotice';
import { StudyView } from './StudyView';
import { useHistory } from './use-history';

/**
 * How many runs the list shows at first, and how many more each "Show more" adds: a study's hundreds
 * of runs would take one long task to list at once (about 1 ms each here).
 */
const LIST_PAGE = 10;

function studyRuns(s: Pick<HistoryState, 'runs' | 'importReport'>): HistoryState['runs'] {
  const ids = s.importReport?.imported ?? [];
  if (ids.length === 0) return [];
  const byId = new Map(s.runs.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Every run kept in this browser, newest first: reopen one (its plots come back without training),
 * overlay two, download or import lab notebooks, delete; and, after a reload, resume the link's
 * interrupted run from its last checkpoint.
 */
export function HistoryPanel() {
  const { history } = useApp();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [listed, setListed] = useState(LIST_PAGE);
  const runs = useHistory((s) => s.runs);
  const liveId = useHistory((s) => s.liveId);
  const selected = useHistory((s) => s.selected);
  const reopenedId = useHistory((s) => s.reopenedId);
  const storage = useHistory((s) => s.storage);
  const refusal = useHistory((s) => s.refusal);
  const report = useHistory((s) => s.importReport);
  const config = useConfig((s) => s.config);
  const runState = useRun((s) => s.state);
  const step = useRun((s) => s.step);
  const link = useMemo(() => encodeConfig(config), [config]);
  const resumable = resumableRun({ runs, liveId }, link, { state: runState, step });
  const compared = useMemo(() => runs.filter((r) => selected.includes(r.id)), [runs, selected]);
  // The runs of the last import of several files, in file order (a deleted one drops out); the same
  // array while they are the same records, so a run recorded meanwhile does not redo the study.
  const study = useHistory(useShallow(studyRuns));

  const onDrop = (e: React.DragEvent): void => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    void importFiles(e.dataTransfer.files, history.getState());
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
      <ImportProgress />
      {report && <ImportReportNotice report={report} onDismiss={() => history.getState().dismissImport('refused')} />}
      {study.length >= 2 && (
        <PanelBoundary name="The study view">
          <StudyView runs={study} onClose={() => history.getState().dismissImport('all')} />
        </PanelBoundary>
      )}
      {open && (
        <div id="history-body" className="history-body">
          <p className="muted small" data-testid="history-storage">
            {storage === 'memory'
              ? 'Browser storage is unavailable: runs are kept only until this page is closed.'
              : 'Runs are kept in this browser. Drop lab notebooks (.json) here to open them; several at once (a study’s notebooks) are drawn as a study.'}
          </p>
          {runs.length === 0 ? (
            <p className="muted small">No runs yet: press Play.</p>
          ) : (
            <>
              <ol className="history-list" data-testid="history-list">
                {runs.slice(0, listed).map((r, i) => (
                  <HistoryItem key={r.id} run={r} previous={runs[i + 1]} live={r.id === liveId} selected={selected.includes(r.id)} reopened={r.id === reopenedId} />
                ))}
              </ol>
              {runs.length > listed ? (
                <button type="button" data-testid="history-more" onClick={() => setListed(listed + LIST_PAGE)}>
                  Show {Math.min(LIST_PAGE, runs.length - listed)} more (of {runs.length} runs)
                </button>
              ) : null}
            </>
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
