import { useCallback, useEffect, useMemo, useState } from 'react';
import { useConfig, useRun } from '../app-context';
import { AlterationView } from './AlterationView';
import { AttentionView } from './AttentionView';
import { CompareView } from './CompareView';
import { ExactSpectra } from './ExactSpectra';
import { PositionView } from './PositionView';
import { RateView } from './RateView';
import { PanelBoundary } from '../layout/PanelBoundary';
import { RedrawContext, type Redraw } from '../scene/redraw';
import { effectiveLane } from './spectrum-data';
import { SpectrumView } from './SpectrumView';

/**
 * The paper's views for the experiment kind: the attention spectrum (single, sweep), the rate
 * (sweep), the RNN/Transformer comparison with the error by position and the alterations (compare; the
 * error by position also for single runs on memory targets), the mean attention of the Transformer lanes
 * (single, sweep: the selected lane; compare: each), the exact spectra (exact).
 * They redraw on canvas when evaluations or spectra arrive (a few ms each), never per training report,
 * live by default; the reader can hold them while training to study one figure, and they catch up
 * when training pauses or ends.
 */
export function ViewsPanel() {
  const kind = useConfig((s) => s.config.kind);
  const memory = useConfig((s) => s.config.target === 'memory');
  const lanes = useRun((s) => s.lanes);
  const running = useRun((s) => s.state === 'running');
  const [live, setLive] = useState(true);
  const [token, setToken] = useState(0);
  const poke = useCallback(() => setToken((t) => t + 1), []);
  const redraw = useMemo<Redraw>(() => ({ hold: running && !live, token, poke }), [running, live, token, poke]);
  // The lane the spectrum view shows; a click in the rate plot sets it, a new plan clears it.
  const [lane, setLane] = useState<number | null>(null);
  useEffect(() => setLane(null), [lanes]);
  const selectLane = useCallback(
    (l: number | null) => {
      setLane(l);
      poke();
    },
    [poke],
  );

  if (kind === 'exact') {
    return (
      <section className="panel plot-panel view" aria-labelledby="exact-title" data-testid="exact-view">
        <h2 id="exact-title">Exact spectra: no training</h2>
        <PanelBoundary name="The exact spectra">
          <ExactSpectra />
        </PanelBoundary>
      </section>
    );
  }
  return (
    <RedrawContext.Provider value={redraw}>
      <div className="views-bar" data-testid="views-bar">
        <input id="views-live" data-testid="views-live" type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
        <label htmlFor="views-live" className="inline-label">
          redraw the paper figures below live during training
        </label>
        {redraw.hold ? (
          <span className="muted small" data-testid="views-held">
            Held while training: the figures update when you pause or the run ends (their numbers stay live).{' '}
            <button type="button" className="link" onClick={poke}>
              Redraw now
            </button>
          </span>
        ) : null}
      </div>
      {kind === 'single' ? (
        <>
          <PanelBoundary name="The spectrum view">
            <SpectrumView lane={lane} onLane={selectLane} showMean={false} />
          </PanelBoundary>
          <PanelBoundary name="The attention view">
            <AttentionView lane={lane} />
          </PanelBoundary>
          {memory ? (
            <PanelBoundary name="The error-by-position view">
              <PositionView />
            </PanelBoundary>
          ) : null}
        </>
      ) : null}
      {kind === 'sweep' ? (
        <>
          <PanelBoundary name="The rate view">
            <RateView selected={effectiveLane({ lanes }, lane)} onSelect={selectLane} />
          </PanelBoundary>
          <PanelBoundary name="The spectrum view">
            <SpectrumView lane={lane} onLane={selectLane} showMean />
          </PanelBoundary>
          <PanelBoundary name="The attention view">
            <AttentionView lane={lane} />
          </PanelBoundary>
        </>
      ) : null}
      {kind === 'compare' ? (
        <>
          <PanelBoundary name="The comparison view">
            <CompareView />
          </PanelBoundary>
          <PanelBoundary name="The error-by-position view">
            <PositionView />
          </PanelBoundary>
          <PanelBoundary name="The attention view">
            <AttentionView lane={null} />
          </PanelBoundary>
          <PanelBoundary name="The alteration view">
            <AlterationView />
          </PanelBoundary>
        </>
      ) : null}
    </RedrawContext.Provider>
  );
}
