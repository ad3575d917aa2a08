/**
 * The `workers` case group of `npm run bench`: the 16-lane sweep trained by N worker threads (the
 * runner's `--workers N`: core's planGroups, the browser's ShardCoordinator), timed as a whole run.
 * A thread reports its losses every LOG steps, so the window is measured between two reports (after
 * WARM steps, at the end) and divided by the steps between them: wall ms per step of the run, and
 * the process's CPU ms per step (all threads). Compared per lane with the single model measured in
 * the same sitting by measureCase.
 */
import type { ExperimentConfig } from '../src/core/config/types';
import { planGroups, planLanes } from '../src/core/train';
import type { NodeBackend } from '../src/platform/node-tf';
import { runSharded } from '../src/cli/sharded-run';
import { benchConfig } from './measure';
import { processCpuMs } from './stats';
import { renderTable } from './table';

/** Reports every LOG steps; the first WARM steps (thread start, first allocations) are not timed. */
const LOG = 10;
const WARM = 20;

export interface WorkersResult {
  readonly label: string;
  readonly backend: string;
  readonly workers: number;
  readonly lanes: number;
  readonly timedSteps: number;
  /** Wall time of the run per step, and per lane. */
  readonly msPerStep: number;
  readonly msPerLane: number;
  /** CPU time of the whole process (every thread) per step. */
  readonly cpuMsPerStep: number;
}

/** `link` with the run cut to WARM + timed steps, losses every LOG steps, one evaluation at the end. */
function timedConfig(link: string, timedSteps: number): ExperimentConfig {
  const steps = WARM + timedSteps;
  return { ...benchConfig(link), steps, logEvery: LOG, evalEvery: steps };
}

export async function measureWorkers(
  label: string,
  link: string,
  backend: NodeBackend,
  workers: number,
  timedSteps: number,
  log: (line: string) => void,
): Promise<WorkersResult> {
  const c = timedConfig(link, timedSteps);
  const groups = planGroups(c, planLanes(c), workers);
  log(`  ${label} on ${groups.length} worker thread(s): ${WARM} + ${timedSteps} steps`);
  let start: { t: number; cpu: number } | null = null;
  let end: { t: number; cpu: number } | null = null;
  await runSharded(c, groups, backend, {
    onTrain: (r) => {
      if (r.step === WARM) start = { t: performance.now(), cpu: processCpuMs() };
      if (r.step === c.steps) end = { t: performance.now(), cpu: processCpuMs() };
    },
  });
  const a = start as { t: number; cpu: number } | null;
  const b = end as { t: number; cpu: number } | null;
  if (!a || !b) throw new Error(`${label}: the run did not report steps ${WARM} and ${c.steps}`);
  const lanes = planLanes(c).length;
  const msPerStep = (b.t - a.t) / timedSteps;
  return { label, backend, workers: groups.length, lanes, timedSteps, msPerStep, msPerLane: msPerStep / lanes, cpuMsPerStep: (b.cpu - a.cpu) / timedSteps };
}

/** One row per worker count, each lane's share of a step beside the single model's step. */
export function workersTable(results: readonly WorkersResult[], singleMs: (backend: string) => number | null): string {
  const header = ['backend', 'case', 'workers', 'steps', 'ms/step', 'ms/lane', 'CPU ms/step (all threads)', 'lane / single model'];
  const rows = results.map((r) => {
    const single = singleMs(r.backend);
    return [
      r.backend,
      r.label,
      String(r.workers),
      String(r.timedSteps),
      r.msPerStep.toFixed(1),
      r.msPerLane.toFixed(2),
      r.cpuMsPerStep.toFixed(1),
      single === null ? '—' : `${(r.msPerLane / single).toFixed(2)}×`,
    ];
  });
  return renderTable(header, rows, header.map((_, i) => (i < 2 ? 'l' : 'r')));
}
