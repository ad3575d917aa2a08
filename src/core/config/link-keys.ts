/**
 * Link keys that belong to another layer of the same link: the lesson keys (src/core/lesson) and the
 * guided tour's step (src/core/tour). They live here, beside the experiment schema, so the experiment codec can pass over them without
 * importing the lesson or tour module (which import this one), and so a test can check that no experiment
 * key ever takes one of these names.
 */
export const LESSON_KEYS = ['lock', 'hide', 'embed', 'ask', 'choices', 'answer', 'explain', 'digest'] as const;

export type LessonKey = (typeof LESSON_KEYS)[number];

const LESSON_KEY_SET: ReadonlySet<string> = new Set(LESSON_KEYS);

/** Whether a (lower-case) link key is a lesson key. */
export const isLessonKey = (key: string): key is LessonKey => LESSON_KEY_SET.has(key);

/** The guided tour's key: `tour=3` opens the tour at its third step (src/core/tour). */
export const TOUR_KEY = 'tour';

/** Whether a (lower-case) link key belongs to another layer than the experiment (lesson or tour). */
export const isLayerKey = (key: string): boolean => isLessonKey(key) || key === TOUR_KEY;
