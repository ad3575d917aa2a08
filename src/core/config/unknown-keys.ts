/**
 * Keys of a link that are neither experiment nor lesson keys. Each is named in a visible notice (a
 * typo like `step=300` would otherwise be ignored without a word), with the nearest real key when one
 * is close, except the tracking parameters that sites append to shared links, which are only noted.
 */
import { clipText } from './text';
import type { Problem } from './validate';

/** Parameters appended by sites and mail clients (utm_source, fbclid, …): ignored without a warning. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ref)$/;

/** Edit distance (insertions, deletions, substitutions), stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** The known key nearest to `key` (at most 2 edits, 1 for short keys), or null. */
export function nearestKey(key: string, known: readonly string[]): string | null {
  if (key.length > 24) return null;
  const max = key.length <= 3 ? 1 : 2;
  let found: string | null = null;
  let best = max + 1;
  for (const k of known) {
    const d = distance(key, k, max);
    if (d < best) {
      best = d;
      found = k;
    }
  }
  return found;
}

/** The longest key a notice quotes. */
const SHOWN_KEY = 40;

/** The notice for a key no layer of the link reads. */
export function unknownKeyProblem(key: string, known: readonly string[]): Problem {
  const shown = clipText(key, SHOWN_KEY);
  if (TRACKING.test(key)) return { key: shown, severity: 'info', message: `${shown}: a tracking parameter; ignored` };
  const near = nearestKey(key, known);
  const hint = near === null ? '' : ` (did you mean ${near}?)`;
  return { key: shown, severity: 'warning', message: `${shown}: not a setting of this app${hint}; ignored` };
}
