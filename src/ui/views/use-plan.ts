import { useMemo } from 'react';
import type { PlanInfo } from '../../core/train/plan';
import { useRun } from '../app-context';

/** The plan of the streamed run, as its worker sent it (null before the first one). */
export function useRunPlan(): PlanInfo | null {
  const lanes = useRun((s) => s.lanes);
  const targets = useRun((s) => s.targets);
  return useMemo(() => (lanes.length > 0 ? { lanes, targets } : null), [lanes, targets]);
}
