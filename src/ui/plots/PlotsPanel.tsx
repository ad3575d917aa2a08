import { useCallback, useState } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useConfig, useRun } from '../app-context';
import { evalCsv, trainLossCsv } from '../export/csv';
import { ExportMenu } from '../export/ExportMenu';
import { SceneCanvas } from '../scene/SceneCanvas';
import { curvesScene, evalCurves, evalWatch, lossCurves, lossWatch } from './curves';

const WAITING = 'Nothing to export yet: waiting for the experiment to load.';
const lastTrainStep = (run: RunStoreState): number | null => run.metrics.trainSteps[run.metrics.trainSteps.length - 1] ?? null;
const lastEvalStep = (run: RunStoreState): number | null => run.metrics.evals[run.metrics.evals.length - 1]?.step ?? null;

/** The live curves: training loss (with EMA smoothing over the faint raw data) and evaluation error. */
export function PlotsPanel() {
  const [smoothing, setSmoothing] = useState(0.6);
  const [relative, setRelative] = useState(false);
  const evalSize = useConfig((s) => s.config.evalSize);
  const loss = useCallback((run: RunStoreState) => curvesScene(lossCurves(run, smoothing)), [smoothing]);
  const evals = useCallback((run: RunStoreState) => curvesScene(evalCurves(run, relative)), [relative]);
  const lossMissing = useRun((s) =>
    s.lanes.length === 0 ? WAITING : s.metrics.trainSteps.length === 0 ? 'Nothing to export yet: no training step reported (press Play or Step).' : null,
  );
  const evalMissing = useRun((s) => (s.lanes.length === 0 ? WAITING : s.metrics.evals.length === 0 ? 'Nothing to export yet: no evaluation so far.' : null));
  return (
    <>
      <section className="panel plot-panel" aria-labelledby="loss-title">
        <div className="plot-head">
          <h2 id="loss-title">Training loss</h2>
          <label htmlFor="smoothing" className="inline-label">
            Smoothing (EMA)
          </label>
          <input
            id="smoothing"
            data-testid="smoothing"
            type="range"
            min={0}
            max={0.99}
            step={0.01}
            value={smoothing}
            aria-describedby="smoothing-note"
            onChange={(e) => setSmoothing(Number(e.target.value))}
          />
          <output htmlFor="smoothing" className="stat">
            {smoothing.toFixed(2)}
          </output>
          <ExportMenu what="train-loss" label="the training loss" testId="export-loss" unavailable={lossMissing} step={lastTrainStep} scene={loss} csv={trainLossCsv} />
        </div>
        <p className="muted small" id="smoothing-note">
          Mean MSE of the training batches per lane; raw readings drawn faint under the smoothed curve.
        </p>
        <SceneCanvas scene={loss} watch={lossWatch} testId="loss-plot" label="Training loss against step, log scale" />
      </section>
      <section className="panel plot-panel" aria-labelledby="eval-title">
        <div className="plot-head">
          <h2 id="eval-title">Evaluation error</h2>
          <input id="relative" type="checkbox" checked={relative} onChange={(e) => setRelative(e.target.checked)} />
          <label htmlFor="relative" className="inline-label">
            relative (MSE / Var y)
          </label>
          <ExportMenu
            what={relative ? 'eval-relative' : 'eval'}
            label="the evaluation error"
            testId="export-eval"
            unavailable={evalMissing}
            step={lastEvalStep}
            scene={evals}
            csv={evalCsv}
          />
        </div>
        <p className="muted small">On a fixed, seeded evaluation set of {evalSize} sequences.</p>
        <SceneCanvas scene={evals} watch={evalWatch} testId="eval-plot" label="Evaluation error against step, log scale" />
      </section>
    </>
  );
}
