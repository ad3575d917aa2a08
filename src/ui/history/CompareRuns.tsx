import { useMemo } from 'react';
import type { RunRecord } from '../../state/app-state';
import { compareEvalChart, compareLossChart } from './compare-chart';
import { StaticChart } from './StaticChart';

/** Two kept runs overlaid: training loss and evaluation error, one colour per run. */
export function CompareRuns({ runs }: { readonly runs: readonly RunRecord[] }) {
  const loss = useMemo(() => compareLossChart(runs), [runs]);
  const evals = useMemo(() => compareEvalChart(runs), [runs]);
  const names = runs.map((r) => `#${r.seq}`).join(' and ');
  return (
    <div className="history-compare" data-testid="history-comparison">
      <h3>Comparing {names}</h3>
      <div className="compare-charts">
        <StaticChart spec={loss} label={`Training loss of runs ${names} against step`} testId="compare-loss" />
        <StaticChart spec={evals} label={`Evaluation error of runs ${names} against step`} testId="compare-eval" />
      </div>
    </div>
  );
}
