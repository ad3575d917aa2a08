/** Small, deterministic run states for the view-scene tests (real store state, hand-made spectra). */
import type { LogitSpectra, TargetSpectra } from '../../../src/core/results';
import { createRunStore } from '../../../src/state/app-state';
import type { RunStoreState } from '../../../src/state/app-state';
import type { PlotTheme } from '../../../src/ui/scene/theme';

export const THEME: PlotTheme = { bg: '#ffffff', fg: '#111111', muted: '#666666', grid: '#eeeeee', legendBg: '#ffffff', font: 'sans-serif', dark: false };

export const K = 6;
export const COUNT = 40;

/** [count, keep] spectra: σ_k ≈ scale·2^−k, spread over the sequences; indices ≥ `rank` exactly 0. */
export function spectra(scale: number, rank: number): Float32Array {
  const out = new Float32Array(COUNT * K);
  for (let c = 0; c < COUNT; c++) {
    for (let k = 0; k < K; k++) out[c * K + k] = k < rank ? scale * 2 ** -k * (0.7 + 0.6 * ((c * 0.37) % 1)) : 0;
  }
  return out;
}

/** A spectra snapshot without mean attention (empty: as a record made before it was kept is read in). */
export function snapshot(step: number, scale: number): LogitSpectra {
  const a = spectra(scale, 4);
  const raw = Float32Array.from([...spectra(scale, 2), ...a]);
  return { step, lanes: [0, 1], count: COUNT, keep: K, raw, centred: Float32Array.from([...a, ...a]), attention: new Float32Array(0), attentionCount: 0 };
}

export const TARGET_SPECTRA: TargetSpectra = {
  exact: [0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625],
  count: COUNT,
  keep: K,
  raw: spectra(0.5, K),
  centred: spectra(0.5, K),
};

/** Two Transformer lanes (m_h 2 and 4) on one target, with the given snapshots. */
export function runState(snaps: readonly LogitSpectra[]): RunStoreState {
  return {
    ...createRunStore().getState(),
    lanes: [
      { label: 'm_h 2', model: 'transformer', mH: 2, target: 0, seedIndex: 0 },
      { label: 'm_h 4', model: 'transformer', mH: 4, target: 0, seedIndex: 0 },
    ],
    targetSpectra: [TARGET_SPECTRA],
    metrics: { trainSteps: [], trainLoss: [[], []], evals: [], spectra: [...snaps] },
  };
}
