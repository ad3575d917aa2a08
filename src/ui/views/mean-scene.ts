/** Paper Fig. 1b as a canvas scene: the mean spectrum of every m_h lane sharing the chosen lane's target and seed. */
import type { RunStoreState } from '../../state/app-state';
import { indexTicks, logAxisTicks, padRange } from '../scene/scale';
import { emptyScene, type HoverTarget, type LegendItem, type Mark, type Scene } from '../scene/scene';
import { formatValue } from '../format';
import { rampColor, type PlotTheme } from '../scene/theme';
import { FLOOR_DECADES, heldKeep, largest, learnedBlock, meanSpectrum, snapshotAt, TARGET, targetBlock, type SpectrumChoice } from './spectrum-data';


export function meanScene(run: RunStoreState, choice: SpectrumChoice, theme: PlotTheme): Scene {
  const snap = snapshotAt(run, choice.snapshot);
  const chosen = run.lanes[choice.lane];
  const tSpec = chosen ? run.targetSpectra[chosen.target] : null;
  // Before the first evaluation: the target's own mean spectrum and exact values alone.
  const keep = snap ? heldKeep(snap) : heldKeep(tSpec);
  if (!chosen || keep === undefined || keep === 0) return emptyScene('No spectra yet', { lines: '0' });
  const peers = (snap?.lanes ?? [])
    .map((lane) => ({ lane, info: run.lanes[lane] }))
    .filter((p) => p.info && p.info.target === chosen.target && p.info.seedIndex === chosen.seedIndex)
    .sort((a, b) => (a.info?.mH ?? 0) - (b.info?.mH ?? 0));
  const blocks = peers.map((p) => (snap ? learnedBlock(snap, p.lane, choice.centre) : null));
  const target = targetBlock(tSpec, choice.centre);
  const top = largest([...blocks, target]);
  const floor = (top > 0 ? top : 1) * 10 ** -FLOOR_DECADES;
  const ks = Array.from({ length: keep }, (_, k) => k + 1);
  const clip = (ys: readonly number[]): number[] => ys.map((v) => (Number.isFinite(v) ? Math.max(v, floor) : Number.NaN));
  const marks: Mark[] = [];
  const legend: LegendItem[] = [];
  const rows: { label: string; ys: number[] }[] = [];
  peers.forEach((p, i) => {
    const b = blocks[i];
    if (!b) return;
    const color = rampColor(i, peers.length, theme.dark);
    const label = `m_h ${p.info?.mH ?? '?'}`;
    const ys = clip(meanSpectrum(b));
    const thick = p.lane === choice.lane;
    marks.push({ kind: 'line', name: label, x: ks, y: ys, color, width: thick ? 3.5 : 1.8 });
    marks.push({ kind: 'points', x: ks, y: ys, color, size: thick ? 6 : 5, shape: 'circle' });
    legend.push({ label, color, style: 'line' });
    rows.push({ label: thick ? `${label} (chosen)` : label, ys });
  });
  if (target) {
    const ys = clip(meanSpectrum(target));
    marks.push({ kind: 'line', name: 'target, sampled', x: ks, y: ys, color: TARGET, width: 2, dash: [7, 4] });
    legend.push({ label: 'target, sampled', color: TARGET, style: 'dash' });
    rows.push({ label: 'target', ys });
  }
  const exact = (tSpec?.exact ?? []).slice(0, keep);
  if (exact.length > 0) {
    const ys = clip(exact);
    marks.push({ kind: 'points', name: 'exact β·σ_k', x: exact.map((_, k) => k + 1), y: ys, color: theme.fg, size: 9, shape: 'diamond' });
    legend.push({ label: 'exact β·σ_k', color: theme.fg, style: 'diamond' });
    rows.push({ label: 'exact β·σ_k', ys });
  }
  const targets: HoverTarget[] = ks.map((k, i) => ({
    x: k,
    y: rows[0]?.ys[i] ?? floor,
    lines: () => [`k = ${k}: mean σ ÷ τ`, ...rows.map((r) => `${r.label}: ${formatValue(r.ys[i])}`)],
  }));
  const [lo, hi] = padRange('log', floor, top > floor ? top : floor * 10);
  return {
    x: { type: 'linear', range: [0.5, keep + 0.5], title: 'index k', ticks: indexTicks(keep) },
    y: { type: 'log', range: [lo, hi], title: `mean singular value ÷ τ (${choice.centre ? 'row-centred' : 'raw'})`, ticks: logAxisTicks(lo, hi) },
    marks,
    legend,
    empty: null,
    hover: 'column',
    targets,
    attrs: { lines: String(peers.length), step: snap ? String(snap.step) : '' },
  };
}
