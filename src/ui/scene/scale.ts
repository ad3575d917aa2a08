/** Axis scales and ticks of the scenes: data value ↔ pixel, linear or log10; the one tick generator. */

export type AxisType = 'linear' | 'log';

export interface Tick {
  readonly value: number;
  readonly label: string;
}

export interface Scale {
  /** Pixel position of a data value (NaN when a log scale gets a value ≤ 0). */
  map(v: number): number;
  /** Data value at a pixel position. */
  invert(p: number): number;
}

/** A scale from the data range [d0, d1] onto the pixel range [p0, p1] (p1 < p0 for a y axis). */
export function makeScale(type: AxisType, d0: number, d1: number, p0: number, p1: number): Scale {
  const t = type === 'log' ? (v: number): number => (v > 0 ? Math.log10(v) : Number.NaN) : (v: number): number => v;
  const a = t(d0);
  const b = t(d1) !== a ? t(d1) : a + 1;
  const k = (p1 - p0) / (b - a);
  return {
    map: (v) => p0 + (t(v) - a) * k,
    invert: (p) => {
      const u = a + (p - p0) / k;
      return type === 'log' ? 10 ** u : u;
    },
  };
}

/** [lo, hi] padded by `fraction` of the span on each side (in log10 space for a log axis). */
export function padRange(type: AxisType, lo: number, hi: number, fraction = 0.06): [number, number] {
  if (type === 'log') {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    const pad = Math.max(0.05, (b - a) * fraction);
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  const pad = hi > lo ? (hi - lo) * fraction : 0.5;
  return [lo - pad, hi + pad];
}

/** At most this many ticks on any axis: a range from untrusted data (an imported file) never makes more. */
export const MAX_TICKS = 60;

/**
 * Tick values on a log axis: powers of ten, with 2 and 5 when the range spans few decades; every
 * few decades when it spans very many. An empty list for a non-finite or reversed range.
 */
export function logTicks(ly0: number, ly1: number): number[] {
  if (!Number.isFinite(ly0) || !Number.isFinite(ly1) || ly1 < ly0) return [];
  const span = ly1 - ly0;
  const mantissas = span > 2.5 ? [1] : span > 0.8 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7];
  // Whole decades, thinned so that no range (at most ~650 decades of float64) gives more than MAX_TICKS.
  const every = Math.max(1, Math.ceil((span + 2) / MAX_TICKS));
  const first = Math.floor(ly0 / every) * every;
  const out: number[] = [];
  for (let i = 0; first + i * every <= Math.ceil(ly1); i++) {
    const e = first + i * every;
    for (const m of mantissas) {
      const v = m * 10 ** e;
      const lv = Math.log10(v);
      if (lv >= ly0 && lv <= ly1) out.push(v);
    }
  }
  return out;
}

/**
 * Round step ticks: 1, 2 or 5 × 10^k apart, about five of them. An empty list for a non-finite or
 * reversed range, and never more than MAX_TICKS, however far from zero the range lies (where
 * k·step stops changing in floating point, the loop still ends).
 */
export function linearTicks(x0: number, x1: number): number[] {
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || x1 < x0) return [];
  const raw = (x1 - x0) / 5;
  if (!Number.isFinite(raw)) return [];
  const mag = 10 ** Math.floor(Math.log10(raw || Math.max(Math.abs(x0), 1)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const k0 = Math.ceil(x0 / step);
  const out: number[] = [];
  // Multiples of the step, cleaned of binary noise (0.6, not 0.6000000000000001).
  for (let i = 0; i < MAX_TICKS; i++) {
    const v = Number(((k0 + i) * step).toPrecision(12));
    if (!(v <= x1 + 1e-9 * Math.max(1, Math.abs(x1)))) break;
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

export function formatTick(v: number): string {
  const e = Math.floor(Math.log10(v));
  const m = v / 10 ** e;
  if (Math.abs(m - 1) < 1e-9) return e >= -2 && e <= 3 ? String(v) : `1e${e}`;
  return e >= -2 && e <= 3 ? String(Number(v.toPrecision(2))) : `${Number(m.toPrecision(2))}e${e}`;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** 10^e as text with a superscript exponent (canvas text has no markup): 1, 10, 10⁻³. */
export function pow10Label(e: number): string {
  if (e === 0) return '1';
  if (e === 1) return '10';
  return `10${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/** Ticks of a log axis in data units over [lo, hi]: decades, with 2 and 5 when it spans few. */
export function logAxisTicks(lo: number, hi: number): Tick[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  // m·10^e in floating point is not exact (1e-5 comes out 9.999…e-6): round to 12 digits.
  const vals = logTicks(Math.log10(lo), Math.log10(hi)).map((v) => Number(v.toPrecision(12)));
  const decades = vals.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  // Whole decades only once there are enough of them to read the axis.
  const shown = decades.length >= 3 ? decades : vals;
  return shown.map((v) => ({ value: v, label: formatTick(v) }));
}

/**
 * Ticks of a linear axis that carries log10 values (the violins: a density is drawn on log10 σ):
 * whole exponents, at most about eight, labelled as powers of ten.
 */
export function log10ValueTicks(lo: number, hi: number): Tick[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const a = Math.ceil(lo - 1e-9);
  const b = Math.floor(hi + 1e-9);
  if (b < a) return [];
  const step = Math.max(1, Math.ceil((b - a) / 8));
  const out: Tick[] = [];
  for (let e = a; e <= b; e += step) out.push({ value: e, label: pow10Label(e) });
  return out;
}

/** Integer ticks 1..n (every other one past 20, fewer still past 2·MAX_TICKS): the index k of a spectrum. */
export function indexTicks(n: number): Tick[] {
  if (!Number.isFinite(n)) return [];
  const step = n > 20 ? Math.max(2, Math.ceil(n / MAX_TICKS)) : 1;
  const out: Tick[] = [];
  for (let k = 1; k <= n; k += step) out.push({ value: k, label: String(k) });
  return out;
}

/** Round linear ticks over [lo, hi]. */
export function linearAxisTicks(lo: number, hi: number): Tick[] {
  return linearTicks(lo, hi).map((v) => ({ value: v, label: String(Number(v.toPrecision(6))) }));
}
