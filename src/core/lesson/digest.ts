/**
 * The results digest: `digest=<backend>:<config>:<mse>,<mse>,…`, e.g. `wasm:3f2a9c01:1.52e-3,4.8071e-4`.
 * <config> is configFingerprint of the experiment, <mse> the final evaluation MSE of each lane to 9
 * significant digits (so rounding moves a value by at most 5e-9 of itself).
 *
 * TOLERANCE. A run reproduces a digest when every lane's MSE is within DIGEST_TOLERANCE = 1e-6
 * relative of the digest's (|a − b| ≤ 1e-6 · max(|a|, |b|)). The same link on the same backend gives
 * bit-identical numbers, so the only difference then is the 9-digit rounding; a different backend
 * (other kernels, other float order) may differ by more, which the verdict notes.
 */
import { accept, clipText, encodeConfig, DEFAULTS, MAX_LANES, refuseText } from './deps';
import type { ExperimentConfig, Parsed } from './deps';
import type { Digest } from './types';

export const DIGEST_TOLERANCE = 1e-6;
/** Significant digits written per MSE. */
const DIGITS = 9;

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * FNV-1a of the experiment's canonical link text. Fields that do not change the numbers (centre:
 * what the view shows; workers: how the run is split) are left out.
 */
export function configFingerprint(c: ExperimentConfig): string {
  return fnv1a(encodeConfig({ ...c, centre: DEFAULTS.centre, workers: DEFAULTS.workers }));
}

/** `1.52e-3`: 9 significant digits, trailing zeros dropped. */
export function formatMse(x: number): string {
  const [mantissa = '', exponent = ''] = x.toExponential(DIGITS - 1).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return `${m}e${exponent.replace('+', '')}`;
}

export const makeDigest = (backend: string, config: ExperimentConfig, mse: ArrayLike<number>): Digest => ({
  backend,
  config: configFingerprint(config),
  mse: Array.from(mse, (x) => Number(formatMse(x))),
});

export const formatDigest = (d: Digest): string => `${d.backend}:${d.config}:${d.mse.map(formatMse).join(',')}`;

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Read the text of `digest=`; the reason names what is wrong. */
export function parseDigest(text: string): Parsed<Digest> {
  const parts = text.trim().split(':');
  if (parts.length !== 3) return refuseText('is not backend:config:mse,mse,… (three parts separated by colons)');
  const [backend = '', config = '', list = ''] = parts;
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(backend)) return refuseText(`has a backend name that is not a word ("${clipText(backend, 20)}")`);
  if (!/^[0-9a-f]{8}$/.test(config)) return refuseText(`has a config fingerprint that is not 8 hex digits ("${clipText(config, 20)}")`);
  const items = list.split(',');
  if (items.length > MAX_LANES) return refuseText(`has ${items.length} numbers; at most ${MAX_LANES} lanes are allowed`);
  const mse: number[] = [];
  for (const item of items) {
    const x = Number(item);
    if (!NUMBER.test(item) || !Number.isFinite(x)) return refuseText(`has an MSE that is not a non-negative number ("${clipText(item, 30)}")`);
    mse.push(Number(formatMse(x))); // 9 significant digits, as makeDigest keeps and formatDigest writes
  }
  return accept({ backend, config, mse });
}

/** The run a digest is checked against. */
export interface RunNumbers {
  readonly backend: string;
  readonly config: ExperimentConfig;
  readonly mse: ArrayLike<number>;
}

export interface DigestCheck {
  readonly verdict: 'reproduced' | 'differs';
  /** Largest |a − b| / max(|a|, |b|) over the lanes both have (0 when none). */
  readonly maxRelDiff: number;
  /** The lane where it is largest (0-based), or null. */
  readonly worstLane: number | null;
  /** The run used another backend than the digest's: a difference may be only that. */
  readonly backendDiffers: boolean;
  /** The experiment's settings are not the ones the digest was made from. */
  readonly configDiffers: boolean;
  /** Lanes in the run vs in the digest, when they differ. */
  readonly laneCounts: { readonly run: number; readonly digest: number } | null;
}

export const relativeDifference = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

export function checkDigest(d: Digest, run: RunNumbers): DigestCheck {
  const n = Math.min(d.mse.length, run.mse.length);
  let maxRelDiff = 0;
  let worstLane: number | null = null;
  for (let i = 0; i < n; i++) {
    const r = relativeDifference(d.mse[i] ?? NaN, run.mse[i] ?? NaN);
    const rel = Number.isNaN(r) ? Infinity : r;
    if (worstLane === null || rel > maxRelDiff) {
      maxRelDiff = rel;
      worstLane = i;
    }
  }
  const laneCounts = d.mse.length === run.mse.length ? null : { run: run.mse.length, digest: d.mse.length };
  return {
    verdict: laneCounts === null && maxRelDiff <= DIGEST_TOLERANCE ? 'reproduced' : 'differs',
    maxRelDiff,
    worstLane,
    backendDiffers: d.backend !== run.backend,
    configDiffers: d.config !== configFingerprint(run.config),
    laneCounts,
  };
}
