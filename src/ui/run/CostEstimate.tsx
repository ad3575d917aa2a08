import { useMemo } from 'react';
import { estimateRun, formatBytes, formatSeconds, refusal, remainingTime } from '../../core/cost';
import { workerGroups } from '../../state/app-state';
import { useConfig, useRun } from '../app-context';

/**
 * What the run will cost, beside Play: the memory of its largest worker and the time it will take
 * here (docs/cost-model.md). Before training the time is the work at the benchmark's FLOP rate for
 * the backend ("~"); once running, the measured steps per second. A run over the backend's memory
 * limit is named here with the field to change (the worker refuses to build it).
 */
export function CostEstimate() {
  const config = useConfig((s) => s.config);
  const errors = useConfig((s) => s.problems.length);
  const backend = useRun((s) => s.backend?.chosen ?? 'wasm');
  const state = useRun((s) => s.state);
  const step = useRun((s) => s.step);
  const rate = useRun((s) => s.stepsPerSecond);
  const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  const workers = useMemo(() => Math.max(1, workerGroups(config, cores).length), [config, cores]);
  const { estimate, refused } = useMemo(() => {
    if (errors > 0 || config.kind === 'exact') return { estimate: null, refused: null };
    const o = { backend, workers };
    return { estimate: estimateRun(config, o), refused: refusal(config, o) };
  }, [config, errors, backend, workers]);
  if (!estimate) return null;
  const running = state === 'running' && rate > 0;
  const time = remainingTime(estimate, config.steps, running ? step : 0, running ? rate : 0);
  const memory = `~${formatBytes(estimate.worker.peak)}${workers > 1 ? ` per worker (${workers} workers)` : ''}`;
  const when = time === null ? 'time unknown until it runs' : time.calibrated ? `${formatSeconds(time.seconds)} left at the measured speed` : `~${formatSeconds(time.seconds)} here`;
  return (
    <p className={`cost-estimate${refused ? ' notice warning' : ''}`} data-testid="cost-estimate" title="Estimated by the cost model (docs/cost-model.md): memory of the largest worker; time from the benchmark's FLOP rate until the run's own speed is measured.">
      <span data-testid="cost-memory">{memory}</span>, <span data-testid="cost-time">{when}</span>
      {refused && (
        <>
          {' — '}
          <span data-testid="cost-refusal">{refused.message}</span>
        </>
      )}
    </p>
  );
}
