/** Paper Fig. 1a as a canvas scene: a split violin of log10 σ_k per index k, learned left, target right. */
import type { RunStoreState } from '../../state/app-state';
import type { PlotTheme } from '../scene/theme';
import { kde, MAX_POINTS } from '../scene/kde';
import { indexTicks, log10ValueTicks } from '../scene/scale';
import { emptyScene, finish, type HoverTarget, type LegendItem, type Mark, type Scene, type SceneSteps } from '../scene/scene';
import { formatValue } from '../format';
import {
  column,
  FLOOR_DECADES,
  heldKeep,
  isDegenerate,
  LEARNED,
  largest,
  learnedBlock,
  logFloored,
  snapshotAt,
  TARGET,
  targetBlock,
  type SpectraBlock,
  type SpectrumChoice,
} from './spectrum-data';

/** Half a violin's largest width, in index units (0.9 over both halves). */
export const HALF_WIDTH = 0.45;
const STRIP_SPREAD = 0.18;

/**
 * Density grid points per violin for K indices: fine when there are few violins, coarse when
 * there are many (at τ = 256 a violin is a few pixels wide; the work stays about constant).
 */
export function gridPoints(keep: number): number {
  return Math.max(12, Math.min(MAX_POINTS, Math.round(1600 / Math.max(1, keep))));
}

/** One half violin (side −1 left, +1 right) at index k from log10 values: the outline, closed on x = k. */
export function halfViolin(
  logs: readonly number[],
  k: number,
  side: -1 | 1,
  points = MAX_POINTS,
): { x: number[]; y: number[]; meanX: number; mean: number } | null {
  const d = kde(logs, Math.min(48, points), points);
  if (!d) return null;
  let peak = 0;
  for (const v of d.density) peak = Math.max(peak, v);
  if (!(peak > 0)) return null;
  const x: number[] = [];
  const y: number[] = [];
  d.at.forEach((at, i) => {
    x.push(k + side * HALF_WIDTH * ((d.density[i] ?? 0) / peak));
    y.push(at);
  });
  x.push(k, k);
  y.push(d.at[d.at.length - 1] ?? Number.NaN, d.at[0] ?? Number.NaN);
  const mean = logs.reduce((a, v) => a + v, 0) / logs.length;
  // The density at the mean, linearly interpolated on the grid: where the mean line ends.
  const span = (d.at[d.at.length - 1] ?? 0) - (d.at[0] ?? 0);
  const t = span > 0 ? ((mean - (d.at[0] ?? 0)) / span) * (d.at.length - 1) : 0;
  const i = Math.min(d.at.length - 2, Math.max(0, Math.floor(t)));
  const at = (d.density[i] ?? 0) + (t - i) * ((d.density[i + 1] ?? 0) - (d.density[i] ?? 0));
  return { x, y, meanX: k + side * HALF_WIDTH * (at / peak), mean };
}

/** Dots drawn per distinct value of a strip: more would sit on one another (the values are equal). */
export const STRIP_DOTS = 12;

/**
 * A strip of at most 3 distinct values (to 6 decimals): each value at up to STRIP_DOTS positions
 * jittered about x = centre, deterministically (the golden-ratio sequence), so redraws do not shimmer.
 */
export function stripDots(logs: readonly number[], centre: number): { x: number[]; y: number[] } {
  const count = new Map<number, { y: number; n: number }>();
  for (const v of logs) {
    const key = Math.round(v * 1e6);
    const c = count.get(key);
    if (c) c.n++;
    else count.set(key, { y: v, n: 1 });
  }
  const x: number[] = [];
  const y: number[] = [];
  let i = 0;
  for (const { y: v, n } of count.values()) {
    for (let j = 0; j < Math.min(n, STRIP_DOTS); j++, i++) {
      x.push(centre + (((i * 0.6180339887) % 1) - 0.5) * STRIP_SPREAD);
      y.push(v);
    }
  }
  return { x, y };
}

interface Half {
  readonly marks: Mark[];
  /** Indices k drawn (a violin or a fallback strip). */
  readonly drawn: number;
  /** Mean log10 value per k (NaN where nothing was drawn). */
  readonly means: number[];
  readonly strips: number;
}

/** One side's violins (or strips), yielding after each index k. */
function* half(b: SpectraBlock, floorLog: number, side: -1 | 1, color: string, name: string): Generator<undefined, Half, undefined> {
  const marks: Mark[] = [];
  const means: number[] = [];
  let drawn = 0;
  let strips = 0;
  for (let k = 1; k <= b.keep; k++) {
    if (k > 1) yield;
    const logs = logFloored(column(b, k - 1), floorLog);
    if (logs.length === 0) {
      means.push(Number.NaN);
      continue;
    }
    drawn++;
    const v = isDegenerate(logs) ? null : halfViolin(logs, k, side, gridPoints(b.keep));
    if (v) {
      marks.push({ kind: 'area', x: v.x, y: v.y, color, alpha: 0.55, outline: color, name });
      marks.push({ kind: 'line', x: [k, v.meanX], y: [v.mean, v.mean], color, width: 1.5 });
      means.push(v.mean);
      continue;
    }
    // Fewer than 3 distinct values: a kernel density means nothing; draw the values as a strip.
    strips++;
    const dots = stripDots(logs, k + side * 0.2);
    marks.push({ kind: 'points', x: dots.x, y: dots.y, color, size: 3, shape: 'circle', alpha: 0.6, name: `${name} (strip)` });
    means.push(logs.reduce((a, u) => a + u, 0) / logs.length);
  }
  return { marks, drawn, means, strips };
}

function stats(b: SpectraBlock, k: number): string {
  const xs = column(b, k - 1).filter((v) => Number.isFinite(v) && v >= 0).sort((p, q) => p - q);
  if (xs.length === 0) return 'none';
  const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
  return `mean ${formatValue(mean)}, median ${formatValue(xs[Math.floor(xs.length / 2)])}, ${formatValue(xs[0])} – ${formatValue(xs[xs.length - 1])}`;
}

/**
 * The violins of the chosen lane and snapshot, the target's sampled spectra, the exact β·σ_k. Before
 * the first evaluation the target's own half is drawn alone (it is known when the run is built).
 */
export function violinScene(run: RunStoreState, choice: SpectrumChoice, theme: PlotTheme): Scene {
  return finish(violinSteps(run, choice, theme));
}

/** violinScene in slices: it yields after each violin (at τ = 256 there are 512 of them). */
export function* violinSteps(run: RunStoreState, choice: SpectrumChoice, theme: PlotTheme): SceneSteps {
  const snap = snapshotAt(run, choice.snapshot);
  const learned = snap ? learnedBlock(snap, choice.lane, choice.centre) : null;
  const laneInfo = run.lanes[choice.lane];
  const tSpec = laneInfo ? run.targetSpectra[laneInfo.target] : null;
  const target = targetBlock(tSpec, choice.centre);
  const keep = snap && learned ? heldKeep(snap) : heldKeep(tSpec);
  if (keep === undefined || keep === 0) return emptyScene('No spectra yet: they arrive with each evaluation', { violins: '0' });
  const exact = (tSpec?.exact ?? []).slice(0, keep);
  const top = largest([learned, target], [exact]);
  const floorLog = Math.log10(top > 0 ? top : 1) - FLOOR_DECADES;
  const learnedName = `learned: ${laneInfo?.label ?? `lane ${choice.lane}`}`;
  const mine = learned ? yield* half(learned, floorLog, -1, LEARNED, learnedName) : null;
  if (mine) yield;
  const theirs = target ? yield* half(target, floorLog, 1, TARGET, 'target') : null;
  const marks: Mark[] = [...(mine?.marks ?? []), ...(theirs?.marks ?? [])];
  const legend: LegendItem[] = [{ label: mine ? learnedName : `${learnedName} (with the first evaluation)`, color: LEARNED, style: 'fill' }];
  if (theirs) legend.push({ label: 'target ρ(x(t), x(s)) / τ, sampled', color: TARGET, style: 'fill' });
  const ex = exact.flatMap((v, i) => (v > 0 ? [{ k: i + 1, v }] : []));
  if (ex.length > 0) {
    marks.push({ kind: 'points', name: 'exact β·σ_k', x: ex.map((p) => p.k), y: ex.map((p) => Math.log10(p.v)), color: theme.fg, edge: theme.bg, size: 10, shape: 'diamond' });
    legend.push({ label: 'exact β·σ_k', color: theme.fg, style: 'diamond' });
  }
  if ((mine?.strips ?? 0) + (theirs?.strips ?? 0) > 0) legend.push({ label: 'dots: < 3 distinct values', color: theme.muted, style: 'circle' });
  const targets: HoverTarget[] = Array.from({ length: keep }, (_, i) => {
    const k = i + 1;
    const lines = (): string[] => {
      const out = [`k = ${k} (σ ÷ τ, ${choice.centre ? 'row-centred' : 'raw'})`, `learned: ${learned ? stats(learned, k) : 'none yet'}`];
      if (target) out.push(`target: ${stats(target, k)}`);
      const e = exact[i];
      if (e !== undefined) out.push(`exact β·σ_k = ${formatValue(e)}`);
      return out;
    };
    return { x: k, y: mine?.means[i] ?? theirs?.means[i] ?? floorLog, lines };
  });
  const hi = Math.log10(top > 0 ? top : 1) + 0.15;
  const lo = floorLog - 0.15;
  return {
    x: { type: 'linear', range: [0.4, keep + 0.6], title: 'index k', ticks: indexTicks(keep) },
    y: { type: 'linear', range: [lo, hi], title: `singular value ÷ τ (${choice.centre ? 'row-centred' : 'raw'})`, ticks: log10ValueTicks(lo, hi) },
    marks,
    legend,
    empty: null,
    hover: 'column',
    targets,
    attrs: {
      violins: String(mine?.drawn ?? 0),
      'target-violins': String(theirs?.drawn ?? 0),
      step: snap && mine ? String(snap.step) : '',
      means: (mine?.means ?? []).map((m) => (Number.isFinite(m) ? m.toFixed(4) : 'nan')).join(','),
    },
  };
}
