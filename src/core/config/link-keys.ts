/**
 * Link keys that belong to another layer of the same link: the lesson keys (src/core/lesson). They
 * live here, beside the experiment schema, so the experiment codec can pass over them without
 * importing the lesson module (which imports this one), and so a test can check that no experiment
 * key ever takes one of these names.
 */
export const LESSON_KEYS = ['lock', 'hide', 'embed', 'ask', 'choices', 'answer', 'explain', 'digest'] as const;

export type LessonKey = (typeof LESSON_KEYS)[number];

const LESSON_KEY_SET: ReadonlySet<string> = new Set(LESSON_KEYS);

/** Whether a (lower-case) link key is a lesson key. */
export const isLessonKey = (key: string): key is LessonKey => LESSON_KEY_SET.has(key);
