import { useMemo } from 'react';
import type { RunRecord } from '../../state/app-state';
import { SceneCanvas } from '../scene/SceneCanvas';
import { compareEvalScene, compareLossScene } from './compare-chart';

const NO_WATCH = (): readonly unknown[] => [];

/** Two kept runs overlaid: training loss and evaluation error, one colour per run. */
export function CompareRuns({ runs }: { readonly runs: readonly RunRecord[] }) {
  const loss = useMemo(() => {
    const scene = compareLossScene(runs);
    return () => scene;
  }, [runs]);
  const evals = useMemo(() => {
    const scene = compareEvalScene(runs);
    return () => scene;
  }, [runs]);
  const names = runs.map((r) => `#${r.seq}`).join(' and ');
  return (
    <div className="history-compare" data-testid="history-comparison">
      <h3>Comparing {names}</h3>
      <div className="compare-charts">
        <SceneCanvas scene={loss} watch={NO_WATCH} className="compare-chart" label={`Training loss of runs ${names} against step`} testId="compare-loss" />
        <SceneCanvas scene={evals} watch={NO_WATCH} className="compare-chart" label={`Evaluation error of runs ${names} against step`} testId="compare-eval" />
      </div>
    </div>
  );
}
