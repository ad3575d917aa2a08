import { useCallback, useState } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useConfig, useRun } from '../app-context';
import type { PlotTheme } from '../scene/theme';
import { useFrozen } from '../lesson/use-lesson';
import { emptyScene } from '../scene/scene';
import { meanScene } from './mean-scene';
import { useRedraw } from '../scene/redraw';
import { effectiveLane, FLOOR_DECADES, spectrumWatch } from './spectrum-data';
import { SpectrumExport } from './exports';
import { SceneCanvas } from '../scene/SceneCanvas';
import { violinSteps } from './violin-scene';

interface Props {
  /** The lane chosen elsewhere (the rate plot), or null for the default (largest m_h). */
  readonly lane: number | null;
  readonly onLane: (lane: number | null) => void;
  /** Also draw the mean spectra of every m_h lane (sweeps, Fig. 1b). */
  readonly showMean: boolean;
}

/** Paper Fig. 1a/1b: the learned attention-logit spectrum against the target's, replayable over snapshots. */
export function SpectrumView({ lane, onLane, showMean }: Props) {
  const lanes = useRun((s) => s.lanes);
  const count = useRun((s) => s.metrics.spectra.length);
  const centre = useConfig((s) => s.config.centre);
  const setField = useConfig((s) => s.setField);
  const centreFrozen = useFrozen('centre');
  // null follows the latest snapshot; a number pins one (the scrubber).
  const [pinned, setPinned] = useState<number | null>(null);
  const snapshot = pinned !== null && pinned < count - 1 ? pinned : null;
  const shownIndex = snapshot ?? count - 1;
  const shownStep = useRun((s) => s.metrics.spectra[shownIndex]?.step ?? null);
  const current = effectiveLane({ lanes }, lane);
  const tau = useConfig((s) => s.config.tau);
  const { poke } = useRedraw();
  const choice = current === null ? null : { lane: current, snapshot, centre };

  const violins = useCallback(
    (run: RunStoreState, theme: PlotTheme) => (current === null ? WAITING : violinSteps(run, { lane: current, snapshot, centre }, theme)),
    [current, snapshot, centre],
  );
  const means = useCallback(
    (run: RunStoreState, theme: PlotTheme) => (current === null ? WAITING : meanScene(run, { lane: current, snapshot, centre }, theme)),
    [current, snapshot, centre],
  );

  const transformers = lanes.flatMap((l, i) => (l.model === 'transformer' ? [{ i, l }] : []));
  if (lanes.length > 0 && transformers.length === 0) {
    return (
      <section className="panel plot-panel" aria-labelledby="spectrum-title">
        <h2 id="spectrum-title">Attention spectrum</h2>
        <p className="muted small">This run trains no Transformer: there are no attention logits to analyse.</p>
      </section>
    );
  }
  return (
    <section className="panel plot-panel view" aria-labelledby="spectrum-title" data-testid="spectrum-view">
      <div className="plot-head">
        <h2 id="spectrum-title">Attention spectrum (paper Fig. 1a)</h2>
        <label htmlFor="spectrum-lane" className="inline-label">
          Lane
        </label>
        <select id="spectrum-lane" data-testid="spectrum-lane" value={current ?? ''} onChange={(e) => onLane(Number(e.target.value))}>
          {transformers.map(({ i, l }) => (
            <option key={i} value={i}>
              {l.label}
            </option>
          ))}
        </select>
        <input
          id="centre"
          data-testid="centre"
          type="checkbox"
          checked={centre}
          disabled={centreFrozen}
          aria-describedby="centre-note"
          onChange={(e) => {
            setField('centre', e.target.checked);
            poke();
          }}
        />
        <label htmlFor="centre" className="inline-label">
          row-centred
        </label>
        <SpectrumExport choice={choice} mean={false} />
      </div>
      <p className="muted small" id="centre-note">
        Softmax ignores anything added to a whole row, so a trained S can carry an extra rank-1 part the target lacks; centring removes
        it. Shown: <strong data-testid="spectrum-mode">{centre ? 'row-centred' : 'raw'}</strong> logits S (before softmax), singular
        values ÷ τ = {tau}, one violin per index k over the sequences: learned on the left half, the target’s own sampled ρ(x(t), x(s))
        / τ on the right; ◆ exact β·σ_k. Values more than {FLOOR_DECADES} decades below the largest (round-off: a rank-m_h S has exact zeros beyond m_h) sit on the floor.
      </p>
      <div className="plot-head">
        <label htmlFor="snapshot" className="inline-label">
          Snapshot
        </label>
        <input
          id="snapshot"
          data-testid="snapshot"
          type="range"
          min={0}
          max={Math.max(0, count - 1)}
          step={1}
          value={Math.max(0, shownIndex)}
          disabled={count < 2}
          onChange={(e) => {
            const v = Number(e.target.value);
            setPinned(v >= count - 1 ? null : v);
            poke();
          }}
        />
        <output htmlFor="snapshot" className="stat" data-testid="snapshot-label">
          {shownStep === null ? 'no evaluation yet' : `step ${shownStep}${snapshot === null ? ' (latest, following)' : ` (${shownIndex + 1} of ${count})`}`}
        </output>
      </div>
      <SceneCanvas scene={violins} watch={spectrumWatch} testId="spectrum-plot" label="Singular values of the attention logits per index k, log scale" />
      {showMean ? (
        <>
          <div className="plot-head">
            <h3 className="view-subtitle">Mean spectrum per head size (paper Fig. 1b)</h3>
            <SpectrumExport choice={choice} mean />
          </div>
          <p className="muted small">
            Mean over the sequences of each singular value, for every m_h trained on the same target (and seed) as the chosen lane; the
            chosen lane is drawn thick, the target’s sampled mean dashed.
          </p>
          <SceneCanvas scene={means} watch={spectrumWatch} testId="spectrum-mean-plot" label="Mean singular value per index k for each head size, log scale" />
        </>
      ) : null}
    </section>
  );
}

const WAITING = emptyScene('Waiting for the experiment…', { violins: '0' });
