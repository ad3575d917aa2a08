/** The rate view's numbers: built in core (src/core/results/rate.ts) on the sweep summary the runner prints. */
export { isFit, rateSummary } from '../../core/results';
export type { RatePoint, RateRow, RateSummary } from '../../core/results';
