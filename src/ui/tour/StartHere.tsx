import { stepQuery, TOUR_STEPS } from '../../core/tour';
import { useApp } from '../app-context';
import { useTour } from './use-tour';

/**
 * The header's way into the guided tour: "Start here" (a link to its first step), or, after leaving
 * the tour on this page, a button that resumes it where the reader left. Hidden while the tour shows.
 */
export function StartHere() {
  const { tour } = useApp();
  const step = useTour((s) => s.step);
  const left = useTour((s) => s.left);
  if (step !== null) return null;
  if (left !== null) {
    return (
      <button type="button" className="primary" data-testid="tour-resume" onClick={() => tour.getState().go(left)}>
        Resume the tour ({left + 1}/{TOUR_STEPS.length})
      </button>
    );
  }
  return (
    <a className="start-here" href={`?${stepQuery(0)}`} data-testid="start-here">
      Start here
    </a>
  );
}
