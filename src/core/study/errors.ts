/** A study file or manifest that cannot be used, with a message naming the key or value at fault. */
export class StudyError extends Error {}
