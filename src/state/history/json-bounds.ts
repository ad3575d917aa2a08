/**
 * Bounds a notebook's text must meet before it is parsed: its length, and how deeply its arrays and
 * objects nest (measured by a scan of the text, so a file of a million nested `[` is refused before
 * JSON.parse or any reader recurses into it).
 */
import { NotebookError } from './guards';

/**
 * The longest notebook text read, in characters (≈ bytes: a notebook is ASCII). The largest preset's
 * notebook is about 10 MB; a file ten times that is refused before it is read.
 */
export const MAX_NOTEBOOK_CHARS = 100_000_000;
/** The deepest nesting of arrays and objects (a notebook needs 5: the file → metrics → evals → [i] → mse). */
export const MAX_DEPTH = 12;

const chars = (n: number): string => n.toLocaleString('en-US');

/** The size check alone: a file picker can apply it to a file's byte size before reading it. */
export function checkSize(size: number): void {
  if (size > MAX_NOTEBOOK_CHARS) {
    throw new NotebookError(`the file has ${chars(size)} characters; a lab notebook has at most ${chars(MAX_NOTEBOOK_CHARS)} (about 100 MB)`);
  }
}

/**
 * The deepest nesting of `[`/`{` outside strings, or `limit + 1` as soon as it exceeds `limit`. Not a
 * JSON validator: JSON.parse still reads the text; this only measures it in one pass without recursion.
 */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return limit + 1;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/** Throws a NotebookError when the text is too long or nests too deeply to be a notebook. */
export function checkJsonBounds(text: string): void {
  checkSize(text.length);
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    throw new NotebookError(`the file nests arrays or objects more than ${MAX_DEPTH} deep; a lab notebook nests 5 deep`);
  }
}
