/** Axis scales and ticks for the canvas scenes: data value ↔ pixel, linear or log10. */
import { formatTick, linearTicks, logTicks, MAX_TICKS } from '../plots/canvas-chart';

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
