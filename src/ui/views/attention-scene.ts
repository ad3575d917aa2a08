/** The mean attention of one Transformer lane as a canvas heat map: query t down, key s across, viridis 0..max. */
import type { RunStoreState } from '../../state/app-state';
import { viridis } from '../scene/colormap';
import { emptyScene, type HoverTarget, type LegendItem, type Scene } from '../scene/scene';
import { attentionMap, deadKeys, keyTotals, lacksAttention, type AttentionMap } from './attention-data';
import { formatValue } from '../format';
import { positionTicks } from './position-data';

export const NO_ATTENTION = 'This run was recorded before the mean attention was kept: no attention map.';
/** Stops of the colour legend, as fractions of the map's largest value. */
const LEGEND_STOPS = [0, 0.25, 0.5, 0.75, 1] as const;

/** The scene of lane `lane`'s latest mean attention, or a message (no lanes, no evaluation, an older record). */
export function byLaneAttentionScene(run: Pick<RunStoreState, 'lanes' | 'metrics'>, lane: number): Scene {
  if (run.lanes.length === 0) return emptyScene('Waiting for the experiment…', { lanes: '0' });
  const spectra = run.metrics.spectra;
  if (spectra.length === 0) return emptyScene('No evaluation yet: the map appears with the first one', { lanes: '0' });
  const map = attentionMap(run, lane);
  if (!map) return emptyScene(lacksAttention(spectra) ? NO_ATTENTION : 'No attention for this lane', { lanes: '0' });
  return attentionScene(map);
}

export function attentionScene(map: AttentionMap): Scene {
  const { tau, values } = map;
  const max = values.reduce((m, v) => (v > m ? v : m), 0);
  const colors = values.map((v) => viridis(max > 0 ? v / max : 0));
  const legend: LegendItem[] = LEGEND_STOPS.map((u) => ({
    label: u === 0 ? 'A = 0' : u === 1 ? `${formatValue(max)} (max)` : formatValue(u * max),
    color: viridis(u),
    style: 'solid',
  }));
  const totals = keyTotals(map);
  const targets: HoverTarget[] = [];
  for (let t = 0; t < tau; t++) {
    for (let s = 0; s < tau; s++) {
      targets.push({
        x: s,
        y: t,
        lines: () => [`t = ${t}, s = ${s}`, `A = ${formatValue(values[t * tau + s])}`, `key ${s} receives ${formatValue(totals[s])} in all (1 on average)`],
      });
    }
  }
  return {
    x: { type: 'linear', range: [-0.5, tau - 0.5], title: 'key position s', ticks: positionTicks(tau), grid: false },
    // Reversed: query t = 0 at the top, as a matrix is written.
    y: { type: 'linear', range: [tau - 0.5, -0.5], title: `query t · ${map.label}`, ticks: positionTicks(tau), grid: false },
    marks: [{ kind: 'cells', name: 'mean attention', cols: tau, rows: tau, colors }],
    legend,
    empty: null,
    hover: 'cell',
    targets,
    attrs: {
      step: String(map.step),
      lanes: String(map.lanes),
      lane: String(map.lane),
      label: map.label,
      tau: String(tau),
      count: String(map.count),
      max: String(max),
      // Exactly the snapshot's values (shortest round-trip text), row-major, query t by key s.
      values: values.map(String).join(','),
      dead: deadKeys(map).join(','),
    },
  };
}
