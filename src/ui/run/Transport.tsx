import { useState } from 'react';
import { useApp, useConfig, useRun } from '../app-context';
import { formatDuration, formatRate } from '../format';
import { useAwaitsPrediction } from '../lesson/use-lesson';
import { transportAbilities } from './transport-state';
import { CostEstimate } from './CostEstimate';

/** Speed limits offered, in steps per second (0 = as fast as the backend goes). */
const SPEEDS: readonly number[] = [0, 1, 5, 20, 100];

/** Play / Pause / Step / Reset, the speed limit, and the progress of the run. */
export function Transport() {
  const { client } = useApp();
  const state = useRun((s) => s.state);
  const step = useRun((s) => s.step);
  const total = useRun((s) => s.totalSteps);
  const rate = useRun((s) => s.stepsPerSecond);
  const errors = useConfig((s) => s.problems.length);
  const logEvery = useConfig((s) => s.config.logEvery);
  const [speed, setSpeed] = useState(0);
  const awaits = useAwaitsPrediction();

  const { canStart, canPause, canReset } = transportAbilities(state, step, errors, awaits);
  const eta = state === 'running' && rate > 0 ? formatDuration((total - step) / rate) : '–';
  const fraction = total > 0 ? Math.min(1, step / total) : 0;

  return (
    <section className="transport" id="run-controls" tabIndex={-1} aria-label="Run controls">
      <div className="transport-buttons">
        <button type="button" className="primary" data-testid="play" aria-keyshortcuts="Space" disabled={!canStart} onClick={() => client.play()}>
          <span aria-hidden="true">▶</span> Play
        </button>
        <button type="button" data-testid="pause" aria-keyshortcuts="Space" disabled={!canPause} onClick={() => client.pause()}>
          <span aria-hidden="true">❚❚</span> Pause
        </button>
        <button
          type="button"
          data-testid="step"
          aria-keyshortcuts="S"
          disabled={!canStart}
          title={`Train ${logEvery} steps (one loss reading), then pause`}
          onClick={() => client.step(logEvery)}
        >
          <span aria-hidden="true">▶|</span> Step
        </button>
        <button
          type="button"
          data-testid="reset"
          aria-keyshortcuts="R"
          disabled={!canReset}
          title="Start again from step 0 with the same seeded initial weights"
          onClick={() => client.reset()}
        >
          <span aria-hidden="true">↺</span> Reset
        </button>
        <label htmlFor="speed" className="inline-label">
          Speed
        </label>
        <select
          id="speed"
          data-testid="speed"
          value={speed}
          onChange={(e) => {
            const v = Number(e.target.value);
            setSpeed(v);
            client.speed(v);
          }}
        >
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v === 0 ? 'max' : `${v} steps/s`}
            </option>
          ))}
        </select>
        <span className={`run-state state-${state}`} data-testid="run-state" aria-live="polite">
          {state}
        </span>
      </div>
      <div className="progress-row">
        <label htmlFor="progress" className="visually-hidden">
          Training progress
        </label>
        <progress id="progress" data-testid="progress" max={Math.max(1, total)} value={Math.min(step, Math.max(1, total))}>
          {Math.round(100 * fraction)}%
        </progress>
        <span className="stat">
          step <span data-testid="step-count">{`${step} / ${total}`}</span>
        </span>
        <span className="stat">
          <span data-testid="steps-per-second">{formatRate(rate)}</span> steps/s
        </span>
        <span className="stat">ETA {eta}</span>
      </div>
      <CostEstimate />
    </section>
  );
}
