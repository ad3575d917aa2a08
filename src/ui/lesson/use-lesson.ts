/** Selector hooks over the lesson store (the lesson keys of the page's link). */
import { useStore } from 'zustand';
import type { ExperimentConfig } from '../../core/config';
import { awaitsPrediction, frozenField } from '../../state/app-state';
import type { LessonState } from '../../state/app-state';
import { useApp } from '../app-context';

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(useApp().lesson, selector);
}

/** The field is locked or hidden by the link: the student may not edit it. */
export const useFrozen = (field: keyof ExperimentConfig): boolean => useLesson((s) => frozenField(s, field));

/** The field is locked (shown disabled with a note). */
export const useLocked = (field: keyof ExperimentConfig): boolean => useLesson((s) => s.lesson.lock.includes(field));

/** Play and Step wait for the student's prediction. */
export const useAwaitsPrediction = (): boolean => useLesson(awaitsPrediction);

/**
 * The link asks a question that is not yet revealed: what would give the answer away (the theory's
 * slope, the paper's stated pattern, the preset's measured results) stays hidden until the reveal.
 */
export const useTheoryHidden = (): boolean => useLesson((s) => s.lesson.question !== null && !s.revealed);
