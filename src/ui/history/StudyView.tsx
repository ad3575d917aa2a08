import { useCallback, useMemo } from 'react';
import { SCHEMA } from '../../core/config';
import type { StudyRun } from '../../core/results';
import type { RunRecord } from '../../state/app-state';
import type { PlotTheme } from '../scene/theme';
import { SceneCanvas } from '../scene/SceneCanvas';
import { fieldLabel, studyScene } from './study-scene';
import { StudyExport } from './StudyExport';
import { StudyPoints } from './StudyPoints';
import { useStudyTable } from './use-study-table';

interface Props {
  /** The runs imported together, in file-name order. */
  readonly runs: readonly RunRecord[];
  readonly onClose: () => void;
}

/** The figure depends on the imported runs only, never on the run being trained. */
const NO_WATCH = (): readonly unknown[] => [];

/**
 * What a study shows that no single run can: each grid point's summary against the field the study
 * varies (for sweeps over α, the fitted rate exponent against α beside the theory and the finite-K
 * tail slope), the seeds' spread as a bar.
 */
export function StudyView({ runs, onClose }: Props) {
  const inputs = useMemo((): StudyRun[] => runs.map((r) => ({ id: r.id, config: r.config, last: r.metrics.evals.at(-1) ?? null })), [runs]);
  const table = useStudyTable(inputs);
  const scene = useCallback((_: unknown, theme: PlotTheme) => studyScene(table, theme), [table]);
  const study = table && !('error' in table) ? table : null;
  const sweep = study?.kind === 'sweep';
  const title = !study ? 'Study' : sweep && study.x === 'alpha' ? 'Study: fitted rate exponent against α' : `Study: ${sweep ? 'fitted rate exponent' : 'final error'} against ${fieldLabel(study.x)}`;
  return (
    <section className="study-view" aria-labelledby="study-title" data-testid="study-view">
      <div className="plot-head">
        <h3 id="study-title">{title}</h3>
        <StudyExport table={study} runs={runs} />
        <button type="button" data-testid="study-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small" data-testid="study-caption">
        {runs.length} runs imported together
        {study ? `, varying ${study.axes.map((f) => SCHEMA[f].key).join(', ')}` : ''}.{' '}
        {study
          ? sweep
            ? `Each point: the slope of the power law fitted to a sweep's final eval MSE against m_h (the rate view's fit)${study.spread ? ', the mean over seeds; bar: min–max over seeds' : ''}. Dashed: the theory's −(2α−1); dotted diamonds: the slope of the target's own finite-K tail over the same m_h.`
            : `Each point: the final evaluation MSE, mean over the run's lanes${study.spread ? ', then over seeds; bar: min–max over seeds' : ''}.`
          : ''}
      </p>
      <SceneCanvas scene={scene} watch={NO_WATCH} testId="study-plot" label={title} />
      {study ? <StudyPoints table={study} runs={runs} /> : null}
    </section>
  );
}
