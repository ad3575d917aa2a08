/**
 * Text from links and files, made safe to show: well-formed (no lone UTF-16 surrogate, which
 * encodeURIComponent refuses with a URIError) and clipped to a length (a 100k-character key must not
 * come back as a 100k-character notice).
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every lone surrogate replaced by U+FFFD (what String.prototype.toWellFormed does). */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/**
 * At most `max` characters (UTF-16 units): longer text is cut, without splitting a surrogate pair,
 * and ends with "…" (counted in `max`).
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // a high surrogate whose pair would be cut off
  return `${text.slice(0, cut)}…`;
}
