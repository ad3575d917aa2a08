/** Paper Tables 2–3 as a canvas scene: the six evaluation MSEs as grouped bars on a log axis. */
import type { AlterationKind } from '../../core/config';
import type { CompareCell } from '../../core/results';
import { laneColor } from '../scene/theme';
import { logAxisTicks, padRange } from '../scene/scale';
import { emptyScene, type HoverTarget, type LegendItem, type Mark, type Scene } from '../scene/scene';
import { formatValue } from '../format';

export const ALTERATIONS: readonly { readonly kind: AlterationKind; readonly label: string }[] = [
  { kind: 'none', label: 'original' },
  { kind: 'order', label: 'ordering' },
  { kind: 'mix', label: 'mixing' },
];
export const MODELS = [
  { kind: 'rnn', label: 'RNN' },
  { kind: 'transformer', label: 'Transformer' },
] as const;

/** Each group (an alteration) spans this much of its unit slot; the models share it. */
const GROUP = 0.8;

export function compareScene(cells: readonly CompareCell[], step: number | null): Scene {
  const ys = cells.map((c) => c.mse).filter((v) => v > 0 && Number.isFinite(v));
  if (cells.length === 0 || ys.length === 0) return emptyScene('No evaluation yet', { bars: '0' });
  // Bars rise from a floor half a decade under the smallest error, so every bar has a visible height.
  const [lo, hi] = padRange('log', Math.min(...ys) / 10 ** 0.5, Math.max(...ys), 0.06);
  const width = GROUP / MODELS.length;
  const marks: Mark[] = [];
  const values: string[] = [];
  MODELS.forEach((m, i) => {
    ALTERATIONS.forEach((a, g) => {
      const mse = cells.find((c) => c.model === m.kind && c.alteration === a.kind)?.mse ?? Number.NaN;
      const x0 = g - GROUP / 2 + i * width;
      if (mse > 0 && Number.isFinite(mse)) marks.push({ kind: 'bar', name: `${m.label}, ${a.label}`, x0: x0 + 0.01, x1: x0 + width - 0.01, y: mse, color: laneColor(i, 2) });
      values.push(Number.isFinite(mse) ? mse.toExponential(4) : 'nan');
    });
  });
  const legend: LegendItem[] = MODELS.map((m, i) => ({ label: m.label, color: laneColor(i, 2), style: 'fill' }));
  const targets: HoverTarget[] = ALTERATIONS.map((a, g) => ({
    x: g,
    y: lo,
    lines: () => [
      a.label,
      ...MODELS.map((m) => {
        const c = cells.find((x) => x.model === m.kind && x.alteration === a.kind);
        return `${m.label}: MSE ${formatValue(c?.mse)} (× ${formatValue(c?.ratio)})`;
      }),
    ],
  }));
  return {
    x: { type: 'linear', range: [-0.5, ALTERATIONS.length - 0.5], title: 'target', ticks: ALTERATIONS.map((a, g) => ({ value: g, label: a.label })), grid: false },
    y: { type: 'log', range: [lo, hi], title: step === null ? 'eval MSE' : `eval MSE at step ${step}`, ticks: logAxisTicks(lo, hi) },
    marks,
    legend,
    empty: null,
    hover: 'column',
    targets,
    attrs: { bars: String(marks.length), step: String(step ?? ''), mse: values.join(',') },
  };
}
