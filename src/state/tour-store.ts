import { createStore } from 'zustand/vanilla';
import type { Problem } from '../core/config';
import { decodeTour, sameStage, stepQuery, TOUR_STEPS, withTour } from '../core/tour';

export interface TourState {
  /** The step shown (0-based), or null when no tour is shown. */
  readonly step: number | null;
  /** The step the reader left the tour at on this page, to offer resuming it. */
  readonly left: number | null;
  /** A `tour=` value of the opened link that names no step. */
  readonly problem: Problem | null;
  /**
   * Show a step. Within the stage the page already shows (same experiment and lesson keys) only
   * `tour=` in the address changes, so a run and a prediction carry over; any other step is loaded
   * from its share link.
   */
  go(step: number): void;
  /** Close the tour; the experiment stays as it is and the address loses `tour=`. */
  leave(): void;
  dismissProblem(): void;
}

type Win = Pick<Window, 'history' | 'location'>;

/** The tour of the page's link (`tour=<step>`); the address bar follows the step. */
export function createTourStore(win: Win) {
  const { step, problem } = decodeTour(win.location.search || win.location.hash);
  const writeTour = (next: number | null): void => {
    const query = withTour(win.location.search, next);
    win.history.replaceState(null, '', `${win.location.pathname}${query === '' ? '' : `?${query}`}`);
  };
  return createStore<TourState>()((set, get) => ({
    step,
    left: null,
    problem,
    go(next) {
      if (!Number.isInteger(next) || next < 0 || next >= TOUR_STEPS.length) return;
      const { step: current, left } = get();
      const from = current ?? left;
      if (from !== null && sameStage(from, next)) {
        writeTour(next);
        set({ step: next, left: null });
      } else {
        win.location.assign(`${win.location.pathname}?${stepQuery(next)}`);
      }
    },
    leave() {
      const current = get().step;
      if (current === null) return;
      writeTour(null);
      set({ step: null, left: current });
    },
    dismissProblem() {
      set({ problem: null });
    },
  }));
}

export type TourStore = ReturnType<typeof createTourStore>;
