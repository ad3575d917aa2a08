/** The attention-spectrum figures (paper Fig. 1a/1b): violins per index k, and mean spectra per m_h. */
import type { Data, ViolinData } from 'plotly.js-cartesian-dist-min';
import type { RunStoreState } from '../../state/app-state';
import type { Figure } from '../plots/LivePlot';
import type { PlotTheme } from '../plots/plot-theme';
import { axis, baseLayout, emptyNote, log10Ticks, logAxis, rampColor } from './plot-layout';
import {
  column,
  FLOOR_DECADES,
  isDegenerate,
  largest,
  learnedBlock,
  logFloored,
  meanSpectrum,
  snapshotAt,
  targetBlock,
  type SpectraBlock,
  type SpectrumChoice,
} from './spectrum-data';

export const LEARNED = '#4e79a7';
export const TARGET = '#e15759';

/** What the spectrum plots depend on: new spectra, a new plan, the target's spectra. */
export const spectrumWatch = (run: RunStoreState): readonly unknown[] => [
  run.metrics,
  run.metrics.spectra.length,
  run.lanes,
  run.targetSpectra,
];

interface Half {
  readonly x: number[];
  readonly y: number[];
  readonly fx: number[];
  readonly fy: number[];
  /** Indices k drawn (as a violin or as a fallback strip). */
  readonly drawn: number;
}

/** Split one block's values into violin positions and degenerate (strip) positions. */
function half(b: SpectraBlock, floorLog: number, offset: number): Half {
  const h: Half = { x: [], y: [], fx: [], fy: [], drawn: 0 };
  let drawn = 0;
  for (let k = 0; k < b.keep; k++) {
    const logs = logFloored(column(b, k), floorLog);
    if (logs.length === 0) continue;
    drawn++;
    const [xs, ys] = isDegenerate(logs) ? [h.fx, h.fy] : [h.x, h.y];
    for (const v of logs) {
      xs.push(k + 1 + (xs === h.fx ? offset : 0));
      ys.push(v);
    }
  }
  return { ...h, drawn };
}

function halfTraces(h: Half, name: string, color: string, side: 'negative' | 'positive'): Data[] {
  const out: Data[] = [];
  if (h.x.length > 0) {
    // Violins take legendgroup like every trace; @types/plotly.js's ViolinData omits it.
    const violin: Partial<ViolinData> & { legendgroup: string } = {
      type: 'violin', name, legendgroup: name, x: h.x, y: h.y, side, spanmode: 'hard', scalemode: 'width',
      width: 0.9, points: false, line: { color, width: 1 }, fillcolor: color, opacity: 0.55,
      meanline: { visible: true, color, width: 1.5 }, hoveron: 'violins',
    };
    out.push(violin);
  }
  if (h.fx.length > 0) {
    out.push({
      type: 'box', name: `${name} (strip: < 3 distinct values)`, legendgroup: name, x: h.fx, y: h.fy, width: 0.3,
      boxpoints: 'all', jitter: 0.6, pointpos: 0, fillcolor: 'rgba(0,0,0,0)', line: { color, width: 1 },
      marker: { color, size: 3, opacity: 0.6 }, showlegend: h.x.length === 0,
    });
  }
  return out;
}

/** Violins of log10(σ_k) for the chosen lane (left halves) and the target's sampled matrices (right halves). */
export function violinFigure(run: RunStoreState, choice: SpectrumChoice, theme: PlotTheme): Figure {
  const base = baseLayout(theme);
  const snap = snapshotAt(run, choice.snapshot);
  const learned = snap ? learnedBlock(snap, choice.lane, choice.centre) : null;
  if (!snap || !learned) {
    return { data: [], layout: { ...base, ...emptyNote('No spectra yet: they arrive with each evaluation', theme) }, attrs: { violins: '0' } };
  }
  const laneInfo = run.lanes[choice.lane];
  const tSpec = laneInfo ? run.targetSpectra[laneInfo.target] : null;
  const target = targetBlock(tSpec, choice.centre);
  const exact = (tSpec?.exact ?? []).slice(0, learned.keep);
  const top = largest([learned, target], [exact]);
  const floorLog = Math.log10(top > 0 ? top : 1) - FLOOR_DECADES;
  const mine = half(learned, floorLog, -0.2);
  const data = halfTraces(mine, `learned: ${laneInfo?.label ?? `lane ${choice.lane}`}`, LEARNED, 'negative');
  if (target) data.push(...halfTraces(half(target, floorLog, 0.2), 'target ρ(x(t), x(s)) / τ, sampled', TARGET, 'positive'));
  const ex = exact.map((v, k) => ({ k: k + 1, v })).filter((p) => p.v > 0);
  if (ex.length > 0) {
    data.push({
      type: 'scatter', mode: 'markers', name: 'exact β·σ_k', x: ex.map((p) => p.k), y: ex.map((p) => Math.log10(p.v)),
      marker: { symbol: 'diamond', size: 9, color: theme.fg, line: { color: theme.bg, width: 1 } },
      hovertemplate: 'k = %{x}<br>β·σ_k = %{customdata:.4f}<extra></extra>', customdata: ex.map((p) => p.v),
    });
  }
  const hi = Math.log10(top > 0 ? top : 1) + 0.15;
  const lo = floorLog - 0.15;
  const layout = {
    ...base,
    violinmode: 'overlay' as const,
    violingap: 0,
    boxmode: 'overlay' as const,
    xaxis: axis(theme, 'index k', { range: [0.4, learned.keep + 0.6], tickmode: 'linear', tick0: 1, dtick: learned.keep > 20 ? 2 : 1, zeroline: false }),
    yaxis: axis(theme, `singular value ÷ τ (${choice.centre ? 'row-centred' : 'raw'})`, { range: [lo, hi], ...log10Ticks(lo, hi), zeroline: false }),
  };
  return { data, layout, attrs: { violins: String(mine.drawn), step: String(snap.step) } };
}

/** Mean spectra (over sequences) of every m_h lane of the chosen lane's target and seed (Fig. 1b). */
export function meanFigure(run: RunStoreState, choice: SpectrumChoice, theme: PlotTheme): Figure {
  const base = baseLayout(theme);
  const snap = snapshotAt(run, choice.snapshot);
  const chosen = run.lanes[choice.lane];
  if (!snap || !chosen) return { data: [], layout: { ...base, ...emptyNote('No spectra yet', theme) } };
  const peers = snap.lanes
    .map((lane) => ({ lane, info: run.lanes[lane] }))
    .filter((p) => p.info && p.info.target === chosen.target && p.info.seedIndex === chosen.seedIndex)
    .sort((a, b) => (a.info?.mH ?? 0) - (b.info?.mH ?? 0));
  const blocks = peers.map((p) => learnedBlock(snap, p.lane, choice.centre));
  const tSpec = run.targetSpectra[chosen.target];
  const target = targetBlock(tSpec, choice.centre);
  const top = largest([...blocks, target]);
  const floor = top * 10 ** -FLOOR_DECADES;
  const ks = Array.from({ length: snap.keep }, (_, k) => k + 1);
  const clip = (ys: number[]): number[] => ys.map((v) => (Number.isFinite(v) ? Math.max(v, floor) : Number.NaN));
  const data: Data[] = peers.flatMap((p, i): Data[] => {
    const b = blocks[i];
    if (!b) return [];
    const color = rampColor(i, peers.length, theme.dark);
    const width = p.lane === choice.lane ? 3.5 : 1.8;
    return [{ type: 'scatter', mode: 'lines+markers', name: `m_h ${p.info?.mH ?? '?'}`, x: ks, y: clip(meanSpectrum(b)), line: { color, width }, marker: { color, size: 5 } }];
  });
  if (target) {
    data.push({ type: 'scatter', mode: 'lines', name: 'target, sampled', x: ks, y: clip(meanSpectrum(target)), line: { color: TARGET, width: 2, dash: 'dash' } });
  }
  const exact = (tSpec?.exact ?? []).slice(0, snap.keep);
  if (exact.length > 0) {
    data.push({ type: 'scatter', mode: 'markers', name: 'exact β·σ_k', x: exact.map((_, k) => k + 1), y: clip([...exact]), marker: { symbol: 'diamond', size: 8, color: theme.fg } });
  }
  const layout = {
    ...base,
    xaxis: axis(theme, 'index k', { tickmode: 'linear' as const, tick0: 1, dtick: snap.keep > 20 ? 2 : 1, zeroline: false }),
    yaxis: axis(theme, `mean singular value ÷ τ (${choice.centre ? 'row-centred' : 'raw'})`, logAxis(floor, top)),
  };
  return { data, layout };
}
