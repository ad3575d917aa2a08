import { useCallback, useMemo } from 'react';
import { summariseCompare } from '../../core/results';
import type { CompareCell } from '../../core/results';
import { useConfig, useRun } from '../app-context';
import { CompareExport } from './exports';
import { useTheoryHidden } from '../lesson/use-lesson';
import { ALTERATIONS, compareScene, MODELS } from './compare-scene';
import { formatValue } from '../format';
import { useRunPlan } from './use-plan';
import { SceneCanvas } from '../scene/SceneCanvas';

const NO_WATCH = (): readonly unknown[] => [];

/** Paper Tables 2–3: {RNN, Transformer} × {original, ordering, mixing}, the MSEs and altered / original ratios. */
export function CompareView() {
  const plan = useRunPlan();
  const metrics = useRun((s) => s.metrics);
  const evalCount = useRun((s) => s.metrics.evals.length);
  const target = useConfig((s) => s.config.target);
  const hidePattern = useTheoryHidden();
  const latest = metrics.evals[evalCount - 1];
  const cells = useMemo(() => (plan && latest ? summariseCompare(plan, latest) : []), [plan, latest]);
  const step = latest?.step ?? null;
  const scene = useCallback(() => compareScene(cells, step), [cells, step]);
  return (
    <section className="panel plot-panel view" aria-labelledby="compare-title" data-testid="compare-view">
      <div className="plot-head">
        <h2 id="compare-title">Temporal structure: RNN vs Transformer (paper Tables 2–3)</h2>
        <CompareExport cells={cells} step={step} />
      </div>
      <p className="muted small">
        Latest evaluation MSE {step === null ? '' : `(step ${step}) `}on the {target} target and its two alterations, and each error ÷
        the same architecture’s error on the original (×), also as a ratio of relative errors MSE / Var(y) (rel ×), since an
        alteration changes the target’s scale: the normalised mixing filter shrinks Var(y) about fourfold.{' '}
        {hidePattern ? (
          'The paper’s finding appears after the lesson’s reveal.'
        ) : (
          <span data-testid="compare-pattern">
            The paper’s pattern: re-ordering hurts the RNN badly and the Transformer hardly at all; mixing leaves the RNN fine and hurts
            the Transformer.
          </span>
        )}
      </p>
      <div className="compare-layout">
        <CompareGrid cells={cells} />
        <SceneCanvas scene={scene} watch={NO_WATCH} testId="compare-bars" label="The six evaluation errors, log scale" />
      </div>
    </section>
  );
}

function CompareGrid({ cells }: { readonly cells: readonly CompareCell[] }) {
  return (
    <table className="compare-grid" data-testid="compare-grid">
      <thead>
        <tr>
          <th scope="col">MSE (× original)</th>
          {ALTERATIONS.map((a) => (
            <th key={a.kind} scope="col">
              {a.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {MODELS.map((m) => (
          <tr key={m.kind}>
            <th scope="row">{m.label}</th>
            {ALTERATIONS.map((a) => {
              const c = cells.find((x) => x.model === m.kind && x.alteration === a.kind);
              return (
                <td key={a.kind}>
                  <span className="mse" data-testid={`grid-${m.kind}-${a.kind}`}>
                    {formatValue(c?.mse)}
                  </span>
                  <span className="ratio">
                    ×<span data-testid={`ratio-${m.kind}-${a.kind}`}>{formatValue(c?.ratio)}</span>
                  </span>
                  <span className="ratio" title="ratio of relative errors (MSE / Var y): an alteration changes the target's scale">
                    rel ×<span data-testid={`rel-ratio-${m.kind}-${a.kind}`}>{formatValue(c?.relRatio)}</span>
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
