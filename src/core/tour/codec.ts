/**
 * The tour's place in a link: `tour=<step>` (1-based) beside the experiment and lesson keys, and the
 * share link of each step. Steps whose links differ only in `tour=` are one *stage*: the page can
 * move between them without loading anything (the run, the prediction and the figures stay).
 * Decoding never throws: a bad value is reported, naming the key, and no tour is shown.
 */
import { TOUR_KEY, encodeConfig, presetConfig, queryPart } from '../config';
import type { Problem } from '../config';
import { NO_LESSON, encodeLesson } from '../lesson';
import { TOUR_STEPS } from './steps';

export interface TourDecode {
  /** 0-based index into TOUR_STEPS, or null when the link opens no tour. */
  readonly step: number | null;
  readonly problem: Problem | null;
}

/** The (lower-case) key of a raw `key=value` segment, or null when it does not decode. */
function segmentKey(segment: string): string | null {
  const eq = segment.indexOf('=');
  try {
    return decodeURIComponent(eq < 0 ? segment : segment.slice(0, eq)).trim().toLowerCase();
  } catch {
    return null;
  }
}

const segmentsOf = (query: string): string[] => queryPart(query).split('&').filter((s) => s !== '');

/** Read `tour=` from a link (any form queryPart accepts); the last one counts. */
export function decodeTour(text: string): TourDecode {
  const last = segmentsOf(text).filter((s) => segmentKey(s) === TOUR_KEY).pop();
  if (last === undefined) return { step: null, problem: null };
  const eq = last.indexOf('=');
  let raw: string;
  try {
    raw = decodeURIComponent(eq < 0 ? '' : last.slice(eq + 1)).trim();
  } catch {
    raw = last;
  }
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (n >= 1 && n <= TOUR_STEPS.length) return { step: n - 1, problem: null };
  const shown = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  return {
    step: null,
    problem: {
      key: TOUR_KEY,
      severity: 'warning',
      message: `${TOUR_KEY}: ${JSON.stringify(shown)} is not a step of the tour (1–${TOUR_STEPS.length}); the tour is not shown`,
    },
  };
}

/** The raw `tour=` segments of a query, as written ('' when there are none). */
export const tourSegments = (query: string): string => segmentsOf(query).filter((s) => segmentKey(s) === TOUR_KEY).join('&');

/** A query (without `?`) with its `tour=` replaced by the given step (0-based), or removed for null. */
export function withTour(query: string, step: number | null): string {
  const rest = segmentsOf(query).filter((s) => segmentKey(s) !== TOUR_KEY);
  return [...rest, ...(step === null ? [] : [`${TOUR_KEY}=${step + 1}`])].join('&');
}

function stepAt(step: number) {
  const s = TOUR_STEPS[step];
  if (s === undefined) throw new RangeError(`no tour step ${step} (0–${TOUR_STEPS.length - 1})`);
  return s;
}

/** A step's experiment and lesson keys, without `tour=`: what the page must have loaded to show it. */
export function stageQuery(step: number): string {
  const s = stepAt(step);
  const lesson = encodeLesson({ ...NO_LESSON, question: s.question });
  const experiment = encodeConfig(presetConfig(s.preset));
  return lesson === '' ? experiment : `${experiment}&${lesson}`;
}

/** A step's share link, as a query without `?`. */
export const stepQuery = (step: number): string => `${stageQuery(step)}&${TOUR_KEY}=${step + 1}`;

/** Whether two steps show the same experiment and lesson (moving between them loads nothing). */
export const sameStage = (a: number, b: number): boolean => stageQuery(a) === stageQuery(b);
