import { useRun } from '../app-context';
import { formatRate } from '../format';

/** Which tfjs backend trains, how it was chosen, every backend tried and why, and live counters. */
export function BackendPanel() {
  const backend = useRun((s) => s.backend);
  const rate = useRun((s) => s.stepsPerSecond);
  const tensors = useRun((s) => s.tensors);
  const groups = useRun((s) => s.workerGroups);
  const lanes = useRun((s) => s.lanes);
  const split = groups.map((g) => g.map((i) => lanes[i]?.label ?? `lane ${i + 1}`).join(', ')).join(' | ');
  return (
    <section className="panel backend" data-testid="backend-panel" aria-labelledby="backend-title">
      <h2 id="backend-title">Backend</h2>
      {backend === null ? (
        <p className="muted">Starting the training worker and testing backends…</p>
      ) : (
        <>
          <p>
            Running on <strong data-testid="backend-name">{backend.chosen}</strong>{' '}
            <span className="muted">({backend.forced ? 'forced by the backend setting' : 'chosen automatically'})</span>
          </p>
          <ul className="attempts" aria-label="Backends tried">
            {backend.attempts.map((a, i) => (
              <li key={`${a.name}-${i}`} className={a.ok ? 'ok' : 'failed'}>
                <span className="attempt-mark" aria-hidden="true">
                  {a.ok ? '✓' : '✗'}
                </span>
                <code>{a.name}</code>
                <span className="visually-hidden">{a.ok ? ' usable' : ' not used'}</span>: {a.reason}
              </li>
            ))}
          </ul>
          {backend.fallbackAdapter && (
            <p className="note">The WebGPU adapter is a software (fallback) rasteriser: slower than wasm.</p>
          )}
          {backend.race && (
            <p data-testid="backend-race">
              Race on this experiment’s step
              {backend.raceCached ? ' (cached for this device and size)' : ''}:{' '}
              {backend.race.map((r) => `${r.name} ${Number.isFinite(r.msPerStep) ? `${r.msPerStep.toFixed(1)} ms/step` : 'failed'}`).join(' · ')}
            </p>
          )}
          {backend.selfTestError !== null && (
            <p className="muted">WebGPU self-test vs cpu: max relative difference {backend.selfTestError.toExponential(1)}.</p>
          )}
        </>
      )}
      <dl className="counters">
        <dt>steps/s</dt>
        <dd>{formatRate(rate)}</dd>
        <dt>workers</dt>
        <dd data-testid="worker-count" title={groups.length > 1 ? `Lanes per worker: ${split}` : 'One worker trains every lane'}>
          {Math.max(1, groups.length)}
        </dd>
        <dt>tensors</dt>
        <dd data-testid="tensor-count">{tensors}</dd>
      </dl>
    </section>
  );
}
