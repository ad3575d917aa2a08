/** What a lesson link carries besides the experiment: which controls a student may touch, how the page looks, a question, a digest. */
import type { ExperimentConfig } from '../config';

export type Field = keyof ExperimentConfig;

/** "Predict, then reveal": asked before Play, answered when the run finishes. */
export interface Question {
  /** The question (`ask=`). */
  readonly text: string;
  /** 2–6 choices (`choices=` separated by `|`). */
  readonly choices: readonly string[];
  /** Index of the right choice, 0-based (`answer=` is 1-based in the link). */
  readonly answer: number;
  /** Shown with the verdict after the run (`explain=`); may be empty. */
  readonly explanation: string;
}

/** A fingerprint of a finished run's numbers (`digest=`), to check that a link reproduces. */
export interface Digest {
  /** The tfjs backend that ran it (wasm, webgpu, …). */
  readonly backend: string;
  /** configFingerprint of the experiment that produced it: 8 hex digits. */
  readonly config: string;
  /** Final evaluation MSE of each lane, in lane order. */
  readonly mse: readonly number[];
}

export interface Lesson {
  /** Shown disabled with a lock note (`lock=`: experiment keys, or `all`). */
  readonly lock: readonly Field[];
  /** Not rendered at all, and so not editable either (`hide=`). */
  readonly hide: readonly Field[];
  /** Minimal chrome for an iframe (`embed=1`). */
  readonly embed: boolean;
  readonly question: Question | null;
  readonly digest: Digest | null;
}

export const NO_LESSON: Lesson = Object.freeze({ lock: [], hide: [], embed: false, question: null, digest: null });

/** Whether a field may not be edited under this lesson (locked or hidden). */
export const isFrozen = (lesson: Lesson, field: Field): boolean => lesson.lock.includes(field) || lesson.hide.includes(field);

/** Whether the link carries anything at all. */
export const isEmptyLesson = (l: Lesson): boolean =>
  l.lock.length === 0 && l.hide.length === 0 && !l.embed && l.question === null && l.digest === null;
