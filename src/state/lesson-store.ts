import { createStore } from 'zustand/vanilla';
import type { ExperimentConfig, Problem } from '../core/config';
import { checkDigest, decodeLesson, isFrozen, makeDigest } from '../core/lesson';
import type { Digest, DigestCheck, Field, Lesson } from '../core/lesson';
import type { RunStore } from './run-store';

export interface LessonState {
  readonly lesson: Lesson;
  /** Problems of the lesson keys of the opened link (each bad key was dropped; the rest applies). */
  readonly linkProblems: readonly Problem[];
  /** The student's prediction (index into the question's choices), or null before they answer. */
  readonly prediction: number | null;
  /** The run finished after a prediction: the verdict, the explanation and the theory overlays show. */
  readonly revealed: boolean;
  /** The latest finished run's numbers as a digest (what "Make lesson link" can include). */
  readonly finished: Digest | null;
  /** The link's digest checked against the latest finished run. */
  readonly check: DigestCheck | null;
  predict(choice: number): void;
  runFinished(backend: string, config: ExperimentConfig, mse: ArrayLike<number>): void;
  /** The run ended without finishing (it diverged): the question is still answered, no digest is checked. */
  runDiverged(): void;
  dismissLinkProblems(): void;
}

/** The lesson of the page's link: fixed for the page's life (a teacher's link is not edited in place). */
export function createLessonStore(initialLink: string) {
  const { lesson, problems } = decodeLesson(initialLink);
  return createStore<LessonState>()((set, get) => ({
    lesson,
    linkProblems: problems.filter((p) => p.severity !== 'info'),
    prediction: null,
    revealed: false,
    finished: null,
    check: null,
    predict(choice) {
      const q = get().lesson.question;
      if (q === null || get().revealed || !Number.isInteger(choice) || choice < 0 || choice >= q.choices.length) return;
      set({ prediction: choice });
    },
    runFinished(backend, config, mse) {
      const s = get();
      set({
        finished: makeDigest(backend, config, mse),
        check: s.lesson.digest === null ? null : checkDigest(s.lesson.digest, { backend, config, mse }),
        revealed: s.revealed || (s.lesson.question !== null && s.prediction !== null),
      });
    },
    runDiverged() {
      const s = get();
      set({ revealed: s.revealed || (s.lesson.question !== null && s.prediction !== null) });
    },
    dismissLinkProblems() {
      set({ linkProblems: [] });
    },
  }));
}

export type LessonStore = ReturnType<typeof createLessonStore>;

/** Play (and Step) wait for the student's prediction when the link asks a question. */
export const awaitsPrediction = (s: Pick<LessonState, 'lesson' | 'prediction'>): boolean =>
  s.lesson.question !== null && s.prediction === null;

/** Whether the student may not edit this field (locked or hidden by the link). */
export const frozenField = (s: Pick<LessonState, 'lesson'>, field: Field): boolean => isFrozen(s.lesson, field);

/**
 * Tell the lesson when a run finishes, with its backend, its settings and its final evaluation MSE
 * per lane (the evaluation at the last step: the session always evaluates there), or diverges.
 */
export function watchRunEnd(run: RunStore, lesson: LessonStore, config: () => ExperimentConfig): () => void {
  return run.subscribe((s, prev) => {
    if (s.state === 'diverged' && prev.state !== 'diverged') lesson.getState().runDiverged();
    if (s.state !== 'done' || prev.state === 'done') return;
    const last = s.metrics.evals[s.metrics.evals.length - 1];
    if (!last || last.step !== s.totalSteps || s.backend === null) return;
    lesson.getState().runFinished(s.backend.chosen, config(), last.mse);
  });
}
