/** What the lesson module uses from the experiment config (one import point), and two small helpers. */
import type { Parsed } from '../config';

export { DEFAULTS, FIELDS, FIELD_BY_KEY, LESSON_KEYS, MAX_LANES, clipText, encodeConfig, formatField, isLessonKey, keyOf, queryPart, wellFormed } from '../config';
export type { ExperimentConfig, LessonKey, Parsed, Problem } from '../config';

export const accept = <V>(value: V): Parsed<V> => ({ ok: true, value });
/** A refused value's reason (the codec prefixes it with the key and the raw text). */
export const refuseText = <V>(reason: string): Parsed<V> => ({ ok: false, reason });
