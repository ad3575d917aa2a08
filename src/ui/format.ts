/** Small text formatters shared by panels. */
import { clipText } from '../core/config';

/** Seconds → "45 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Steps per second: one decimal below 10, whole numbers above. */
export function formatRate(stepsPerSecond: number): string {
  if (!Number.isFinite(stepsPerSecond) || stepsPerSecond <= 0) return '0';
  return stepsPerSecond < 10 ? stepsPerSecond.toFixed(1) : String(Math.round(stepsPerSecond));
}

/** A bound for display: 1000000 → "1e6", 2147483647 → "2 147 483 647" (thin spaces), 1e-6 → "1e-6". */
export function formatBound(n: number): string {
  const big = Math.abs(n) >= 1e6;
  if (n === 0 || (!big && Math.abs(n) >= 1e-3)) return String(n);
  const [mant = '', exp = ''] = n.toExponential().split('e');
  if (big && mant.length > 3) return n.toLocaleString('en-US').replace(/,/g, '\u2009');
  return `${mant}e${exp.replace('+', '')}`;
}

/** An error or ratio for text: 3 significant digits, exponent form outside [0.01, 1000). */
export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 1000)) {
    const [mant = '', exp = ''] = v.toExponential(2).split('e');
    return `${mant}e${exp.replace('+', '')}`;
  }
  return v.toPrecision(3);
}

/* Bounds on what a notice shows: a link or a file can carry 100k-character keys and 20,000 bad
   segments, and a notice must stay a few lines long whatever comes in. */

/** The longest text one notice (or one item of a notice's list) shows. */
export const MAX_NOTICE = 400;
/** The most problems a notice lists; the rest are counted. */
export const MAX_LISTED = 12;

export const noticeText = (text: string): string => clipText(text, MAX_NOTICE);

/** The first MAX_LISTED items, and how many more there are. */
export function listed<T>(items: readonly T[]): { readonly shown: readonly T[]; readonly more: number } {
  return { shown: items.slice(0, MAX_LISTED), more: Math.max(0, items.length - MAX_LISTED) };
}
