/** Public API of lesson links: what a teacher's link adds to an experiment (see codec.ts for the keys). */
export type * from './types';
export { NO_LESSON, isEmptyLesson, isFrozen } from './types';
export { ALL_FIELDS, decodeLesson, encodeLesson, lessonSegments, type LessonDecode } from './codec';
export {
  DIGEST_TOLERANCE,
  checkDigest,
  configFingerprint,
  fnv1a,
  formatDigest,
  formatMse,
  makeDigest,
  parseDigest,
  relativeDifference,
  type DigestCheck,
  type RunNumbers,
} from './digest';
export { MAX_CHOICES, MIN_CHOICES } from './values';
export { authorLessonLink, choiceLines, type AuthoredLink, type LessonDraft } from './author';
export { frozenFields, lockedChanges } from './locks';
