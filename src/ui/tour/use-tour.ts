/** Selector hooks over the tour store, and where each step's spot is on the page. */
import { useStore } from 'zustand';
import type { TourSpot } from '../../core/tour';
import { TOUR_STEPS } from '../../core/tour';
import type { TourState } from '../../state/app-state';
import { useApp } from '../app-context';

export function useTour<T>(selector: (s: TourState) => T): T {
  return useStore(useApp().tour, selector);
}

/** The element each spot names (the App marks the current one, styled in tour.css). */
export const SPOT_SELECTORS: Readonly<Record<TourSpot, string>> = {
  'rate-view': '[data-testid="rate-view"]',
  'lesson-question': '[data-testid="lesson-question"]',
  'run-controls': '#run-controls',
  'spectrum-view': '[data-testid="spectrum-view"]',
  'compare-view': '[data-testid="compare-view"]',
};

/** The spot of the step shown, or null without a tour. */
export const useTourSpot = (): TourSpot | null => useTour((s) => (s.step === null ? null : (TOUR_STEPS[s.step]?.spot ?? null)));

/** Scroll a spot into view and move keyboard focus to it (it becomes focusable for that). */
export function showSpot(spot: TourSpot): boolean {
  const el = document.querySelector<HTMLElement>(SPOT_SELECTORS[spot]);
  if (!el) return false;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
  return true;
}
