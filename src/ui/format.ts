/** Small text formatters shared by panels. */

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
