import { useCallback, useMemo } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useRun } from '../app-context';
import { PositionExport } from './exports';
import { useTheoryHidden } from '../lesson/use-lesson';
import type { PlotTheme } from '../scene/theme';
import { lacksByT, orderingMoved } from './position-data';
import { byPositionScene, NO_BY_T } from './position-scene';
import { useRunPlan } from './use-plan';
import { SceneCanvas } from '../scene/SceneCanvas';

/** Redrawn at each evaluation (and on a new run or record), never per training report. */
const watch = (run: RunStoreState): readonly unknown[] => [run.metrics, run.lanes, run.metrics.evals.length];

/** Where along the sequence each model fails: the latest evaluation's MSE at every output position t. */
export function PositionView() {
  const plan = useRunPlan();
  const moved = useMemo(() => orderingMoved(plan), [plan]);
  const missing = useRun((s) => lacksByT(s.metrics.evals));
  const hidePattern = useTheoryHidden();
  const scene = useCallback((run: RunStoreState, theme: PlotTheme) => byPositionScene(run, moved, theme), [moved]);
  return (
    <section className="panel plot-panel view" aria-labelledby="position-title" data-testid="position-view">
      <div className="plot-head">
        <h2 id="position-title">Error by position</h2>
        <PositionExport moved={moved} />
      </div>
      <p className="muted small">
        Latest evaluation MSE at each output position t, one line per lane (model · target), log scale
        {moved.length > 0 ? '; shaded: the positions the ordering moves (π(t) ≠ t)' : ''}. It shows where a model fails, not only how
        much.{' '}
        {hidePattern ? (
          'What to look for appears after the lesson’s reveal.'
        ) : (
          <span data-testid="position-pattern">
            On the fading memory with the first and last k inputs swapped, the RNN fails where the target needs inputs that come later
            (t &lt; k, and after them through the fading tail) or from far back (the last positions). A Transformer whose position
            embedding learns slowly (pelr 1, batches of 64) fails at a few positions, each a spike that fades over the next two: an input
            no query attends to (a dead key). With the Table 2 recipe (pelr 30, batches of 16, 12,000 steps) such keys revive and its
            error stays flat and low wherever the inputs moved.
          </span>
        )}
      </p>
      {missing ? (
        <p className="muted small" data-testid="position-missing">
          {NO_BY_T}
        </p>
      ) : (
        <SceneCanvas scene={scene} watch={watch} testId="position-plot" label="Evaluation error at each output position, log scale" />
      )}
    </section>
  );
}
