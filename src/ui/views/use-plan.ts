import { useMemo } from 'react';
import type { ExperimentConfig } from '../../core/config';
// plan.ts itself, not core/train's index: that index also exports the tfjs training session.
import { planExperiment } from '../../core/train/plan';
import type { Plan } from '../../core/train/plan';
import type { RunStoreState } from '../../state/app-state';
import { useConfig, useRun } from '../app-context';

/** The config's plan, when its lanes are the ones the run streams (else null: a new plan is on its way). */
export function planFor(config: ExperimentConfig, lanes: RunStoreState['lanes']): Plan | null {
  if (lanes.length === 0) return null;
  let plan: Plan;
  try {
    plan = planExperiment(config);
  } catch {
    return null;
  }
  const same =
    plan.lanes.length === lanes.length &&
    plan.lanes.every((l, i) => {
      const r = lanes[i];
      return r !== undefined && r.label === l.label && r.model === l.model && r.mH === l.mH && r.target === l.target && r.seedIndex === l.seedIndex;
    });
  return same ? plan : null;
}

/** The plan of the streamed run (targets are cheap to build: pure TypeScript, no tfjs). */
export function useRunPlan(): Plan | null {
  const config = useConfig((s) => s.config);
  const lanes = useRun((s) => s.lanes);
  return useMemo(() => planFor(config, lanes), [config, lanes]);
}
