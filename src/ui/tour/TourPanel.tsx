import { useEffect, useRef, useState } from 'react';
import { stepQuery, TOUR_STEPS } from '../../core/tour';
import { useApp } from '../app-context';
import { showSpot, useTour } from './use-tour';
import './tour.css';

const N = TOUR_STEPS.length;

/**
 * The guided tour's current step above the run controls: its title and text, Back / Next (Finish on
 * the last), a button that scrolls to what the step is about, the step's own link, and a way out.
 * Keyboard focus moves to the step's title whenever the step changes, so it is read out first.
 */
export function TourPanel() {
  const { tour } = useApp();
  const step = useTour((s) => s.step);
  const problem = useTour((s) => s.problem);
  const title = useRef<HTMLHeadingElement>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setMissing(false);
    if (step !== null) title.current?.focus();
  }, [step]);

  if (problem !== null) {
    return (
      <div className="notice warning" role="alert" data-testid="tour-problem">
        <div className="notice-body">
          <code>{problem.key}</code>
          {problem.message.slice(problem.key.length)}. <a href={`?${stepQuery(0)}`}>Start the tour from the beginning</a>
        </div>
        <button type="button" className="dismiss" onClick={() => tour.getState().dismissProblem()}>
          Dismiss
        </button>
      </div>
    );
  }
  const current = step === null ? undefined : TOUR_STEPS[step];
  if (step === null || current === undefined) return null;
  const go = (to: number): void => tour.getState().go(to);
  const last = step === N - 1;
  return (
    <section className="panel tour" aria-labelledby="tour-title" data-testid="tour">
      <p className="tour-kicker" data-testid="tour-progress">
        Start here: guided tour, step {step + 1} of {N}
      </p>
      <h2 id="tour-title" ref={title} tabIndex={-1} data-testid="tour-title">
        {current.title}
      </h2>
      <p className="tour-text" data-testid="tour-text">
        {current.text}
      </p>
      <div className="tour-actions">
        <button type="button" data-testid="tour-back" disabled={step === 0} onClick={() => go(step - 1)}>
          Back
        </button>
        {last ? (
          <button type="button" className="primary" data-testid="tour-finish" onClick={() => tour.getState().leave()}>
            Finish
          </button>
        ) : (
          <button type="button" className="primary" data-testid="tour-next" onClick={() => go(step + 1)}>
            Next
          </button>
        )}
        <button type="button" data-testid="tour-show" onClick={() => setMissing(!showSpot(current.spot))}>
          Show me
        </button>
        <a href={`?${stepQuery(step)}`} data-testid="tour-link" className="small">
          Link to this step
        </a>
        <button type="button" className="link tour-leave" data-testid="tour-leave" onClick={() => tour.getState().leave()}>
          Leave the tour
        </button>
      </div>
      {missing && (
        <p className="small muted" role="status">
          That part of the page is not shown for the settings you have now.
        </p>
      )}
    </section>
  );
}
