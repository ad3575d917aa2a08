import { describe, expect, it } from 'vitest';
import { FIELD_BY_KEY, TOUR_KEY, decodeConfig, presetConfig, validateConfig } from '../../../src/core/config';
import { decodeLesson } from '../../../src/core/lesson';
import { TOUR_STEPS, decodeTour, sameStage, stageQuery, stepQuery, tourSegments, withTour } from '../../../src/core/tour';

const N = TOUR_STEPS.length;

describe('the tour steps', () => {
  it('go Fig. 5 (introduce, predict, run, read the slope), then Fig. 1, then Table 2', () => {
    expect(TOUR_STEPS.map((s) => s.preset)).toEqual(['fig5-alpha1', 'fig5-alpha1', 'fig5-alpha1', 'fig5-alpha1', 'fig1', 'table2']);
    expect(TOUR_STEPS.map((s) => s.spot)).toEqual(['rate-view', 'lesson-question', 'run-controls', 'rate-view', 'spectrum-view', 'compare-view']);
  });

  it.each(TOUR_STEPS.map((s, i) => [i + 1, s] as const))('step %i: two or three sentences', (_, s) => {
    const sentences = s.text.split(/(?<=[.!?])\s+(?=[A-Z])/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
  });

  it.each(TOUR_STEPS.map((_, i) => i))('step %i: its link opens its preset and question with no problem, and names the step', (i) => {
    const link = `?${stepQuery(i)}`;
    const step = TOUR_STEPS[i];
    if (step === undefined) throw new Error('no step');
    const decoded = decodeConfig(link);
    expect(decoded.problems).toEqual([]); // no unknown-key notice for tour=
    expect(decoded.config).toEqual(presetConfig(step.preset));
    expect(validateConfig(decoded.config)).toEqual([]);
    const lesson = decodeLesson(link);
    expect(lesson.problems).toEqual([]);
    expect(lesson.lesson.question).toEqual(step.question);
    expect(decodeTour(link)).toEqual({ step: i, problem: null });
  });

  it('the four Fig. 5 steps are one stage (the page stays, with its run); Fig. 1 and Table 2 are their own', () => {
    expect(sameStage(0, 1) && sameStage(1, 2) && sameStage(2, 3)).toBe(true);
    expect(sameStage(3, 4)).toBe(false);
    expect(sameStage(4, 5)).toBe(false);
    expect(stageQuery(0)).not.toContain('tour=');
  });
});

describe('the tour key', () => {
  it('is not an experiment key', () => {
    expect(FIELD_BY_KEY.has(TOUR_KEY)).toBe(false);
  });

  it('reads 1-based steps; the last one counts; absent means no tour', () => {
    expect(decodeTour('?v=1&tour=1')).toEqual({ step: 0, problem: null });
    expect(decodeTour(`?tour=2&mh=3&TOUR=${N}`)).toEqual({ step: N - 1, problem: null });
    expect(decodeTour('?v=1&mh=3')).toEqual({ step: null, problem: null });
    expect(decodeTour('')).toEqual({ step: null, problem: null });
  });

  it.each(['0', String(N + 1), 'two', '', '1.5', '-1', '9999'])('refuses tour=%j with a message naming the key and the range', (raw) => {
    const { step, problem } = decodeTour(`?v=1&tour=${raw}`);
    expect(step).toBeNull();
    expect(problem?.key).toBe('tour');
    expect(problem?.message).toBe(`tour: ${JSON.stringify(raw)} is not a step of the tour (1–${N}); the tour is not shown`);
  });

  it('is replaced, added or removed without touching the other keys', () => {
    expect(withTour('?v=1&mh=3&tour=2&ask=Q', 4)).toBe('v=1&mh=3&ask=Q&tour=5');
    expect(withTour('v=1&mh=3', 0)).toBe('v=1&mh=3&tour=1');
    expect(withTour('?v=1&tour=3&mh=3', null)).toBe('v=1&mh=3');
    expect(tourSegments('?v=1&tour=3&mh=3')).toBe('tour=3');
    expect(tourSegments('?v=1&mh=3')).toBe('');
  });
});
