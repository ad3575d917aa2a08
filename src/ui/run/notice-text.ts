/**
 * Bounds on what a notice shows: a link or a file can carry 100k-character keys and 20,000 bad
 * segments, and a notice must stay a few lines long whatever comes in.
 */
import { clipText } from '../../core/config';

/** The longest text one notice (or one item of a notice's list) shows. */
export const MAX_NOTICE = 400;
/** The most problems a notice lists; the rest are counted. */
export const MAX_LISTED = 12;

export const noticeText = (text: string): string => clipText(text, MAX_NOTICE);

/** The first MAX_LISTED items, and how many more there are. */
export function listed<T>(items: readonly T[]): { readonly shown: readonly T[]; readonly more: number } {
  return { shown: items.slice(0, MAX_LISTED), more: Math.max(0, items.length - MAX_LISTED) };
}
