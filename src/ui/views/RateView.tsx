import { useCallback, useMemo } from 'react';
import { useConfig, useRun } from '../app-context';
import { useTheoryHidden } from '../lesson/use-lesson';
import type { PlotTheme } from '../scene/theme';
import { rateScene } from './rate-scene';
import { isFit, rateSummary, type RateRow } from './rate-summary';
import { useRunPlan } from './use-plan';
import { RateExport } from './exports';
import { SceneCanvas } from '../scene/SceneCanvas';

interface Props {
  readonly selected: number | null;
  readonly onSelect: (lane: number) => void;
}

/** The figure redraws when its inputs (a new summary, a new selection) change: never per training report. */
const NO_WATCH = (): readonly unknown[] => [];

/** Paper Fig. 5 / Fig. 1c: the latest evaluation error against m_h, its power-law fit and the theory's slope. */
export function RateView({ selected, onSelect }: Props) {
  const config = useConfig((s) => s.config);
  const plan = useRunPlan();
  const metrics = useRun((s) => s.metrics);
  const evalCount = useRun((s) => s.metrics.evals.length);
  // A lesson's unrevealed question: the theory's slope waits for the reveal.
  const hideTheory = useTheoryHidden();
  const summary = useMemo(() => {
    const s = plan ? rateSummary(config, plan, metrics.evals[evalCount - 1]) : null;
    return s && hideTheory ? { ...s, theorySlope: null } : s;
  }, [config, plan, metrics, evalCount, hideTheory]);
  const scene = useCallback((_: unknown, theme: PlotTheme) => rateScene(summary, selected, theme), [summary, selected]);
  const theory = summary?.theorySlope ?? null;
  return (
    <section className="panel plot-panel view" aria-labelledby="rate-title" data-testid="rate-view">
      <div className="plot-head">
        <h2 id="rate-title">Rate: error vs head size (paper Fig. 5)</h2>
        <RateExport summary={summary} selected={selected} />
      </div>
      <p className="muted small">
        Latest evaluation MSE of each m_h, one line per target rank (β = {config.beta}
        {config.seeds > 1 ? `; band: min–max over ${config.seeds} seeds` : ''}). Thin line: least-squares power law over the points
        not at the floor; {hideTheory ? '(the theory’s slope appears after the lesson’s reveal)' : 'dashed: the theory’s slope from the first point'};
        dotted: m_h = r. Click a point to show its spectrum.
      </p>
      <SceneCanvas scene={scene} watch={NO_WATCH} testId="rate-plot" label="Evaluation error against head size, log-log" onLane={onSelect} />
      <ul className="fit-list">
        {(summary?.rows ?? []).map((row) => (
          <FitLine key={String(row.rank)} row={row} theory={theory} />
        ))}
      </ul>
    </section>
  );
}

function FitLine({ row, theory }: { readonly row: RateRow; readonly theory: number | null }) {
  const fit = row.fit;
  const r = String(row.rank);
  return (
    <li data-testid={`fit-slope-${r}`}>
      <strong>rank {r}</strong>:{' '}
      {isFit(fit) ? (
        <>
          fitted slope <span data-testid={`fit-slope-value-${r}`}>{fit.slope.toFixed(2)}</span>
          {Number.isFinite(fit.slopeSe) ? ` ± ${fit.slopeSe.toFixed(2)}` : ' (2 points: no standard error)'}
          <span className="muted"> over {row.fitOver}</span>
        </>
      ) : (
        <span className="muted">no fit ({fit.error})</span>
      )}
      {row.tailSlope !== null ? (
        <span className="muted" title="Slope of Σ_{k>m_h} σ_k² of the target's own K-mode spectrum over the same m_h: the theorem's first term for this K">
          {' '}
          · target tail slope {row.tailSlope.toFixed(2)}
        </span>
      ) : null}
      {theory !== null ? <span className="muted"> · theory −(2α−1) = {theory.toFixed(2)}</span> : null}
      {row.rank !== 'full' ? <span className="muted" data-testid={`rank-marker-${r}`}> · dotted line at m_h = r = {r}</span> : null}
    </li>
  );
}
