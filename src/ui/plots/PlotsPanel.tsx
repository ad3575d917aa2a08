import { useCallback, useState } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useConfig } from '../app-context';
import { evalChart, evalWatch, lossChart, lossWatch } from './figures';
import { LiveChart } from './LiveChart';
import { EvalExport, LossExport } from '../export/view-exports';

/** The live curves: training loss (with EMA smoothing over the faint raw data) and evaluation error. */
export function PlotsPanel() {
  const [smoothing, setSmoothing] = useState(0.6);
  const [relative, setRelative] = useState(false);
  const evalSize = useConfig((s) => s.config.evalSize);
  const loss = useCallback((run: RunStoreState) => lossChart(run, smoothing), [smoothing]);
  const evals = useCallback((run: RunStoreState) => evalChart(run, relative), [relative]);
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
          <LossExport smoothing={smoothing} />
        </div>
        <p className="muted small" id="smoothing-note">
          Mean MSE of the training batches per lane; raw readings drawn faint under the smoothed curve.
        </p>
        <LiveChart chart={loss} watch={lossWatch} testId="loss-plot" label="Training loss against step, log scale" />
      </section>
      <section className="panel plot-panel" aria-labelledby="eval-title">
        <div className="plot-head">
          <h2 id="eval-title">Evaluation error</h2>
          <input id="relative" type="checkbox" checked={relative} onChange={(e) => setRelative(e.target.checked)} />
          <label htmlFor="relative" className="inline-label">
            relative (MSE / Var y)
          </label>
          <EvalExport relative={relative} />
        </div>
        <p className="muted small">On a fixed, seeded evaluation set of {evalSize} sequences.</p>
        <LiveChart chart={evals} watch={evalWatch} testId="eval-plot" label="Evaluation error against step, log scale" />
      </section>
    </>
  );
}
