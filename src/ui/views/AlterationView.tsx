import { useCallback, useMemo } from 'react';
import { DEFAULTS } from '../../core/config';
import { buildAlteration } from '../../core/targets';
import { useConfig } from '../app-context';
import { ScenePlot } from '../scene/ScenePlot';
import type { PlotTheme } from '../scene/theme';
import { alterationScenes } from './alteration-scene';
import { ExactSpectra } from './ExactSpectra';
import { AlterationExport } from './exports';

const NO_WATCH = (): readonly unknown[] => [];

/** What the two alterations do to the input (docs/model.md §4.3), and what mixing does to the coupling's rank. */
export function AlterationView() {
  const { tau, order, swapK, rotateK, mixLen, mixDir, seed } = useConfig((s) => s.config);
  // Rebuilt only when a field the alterations read changes (not per evaluation).
  const alterations = useMemo(() => {
    const c = { ...DEFAULTS, tau, order, swapK, rotateK, mixLen, mixDir, seed };
    return { order: buildAlteration(c, 'order'), mix: buildAlteration(c, 'mix') };
  }, [tau, order, swapK, rotateK, mixLen, mixDir, seed]);
  const scene = useCallback((_: unknown, theme: PlotTheme) => alterationScenes(alterations.order, alterations.mix, tau, theme), [alterations, tau]);
  const orderText =
    order === 'swap'
      ? `the first ${Math.min(swapK, Math.floor(tau / 2))} values swapped with the last ones`
      : order === 'rotate'
        ? `a rotation by ${rotateK}`
        : order === 'reverse'
          ? 'time reversed'
          : 'a random permutation drawn from the seed';
  return (
    <section className="panel plot-panel view" aria-labelledby="alteration-title" data-testid="alteration-view">
      <div className="plot-head">
        <h2 id="alteration-title">The alterations H̃(x) = H(T(x))</h2>
        <AlterationExport order={alterations.order} mix={alterations.mix} tau={tau} />
      </div>
      <p className="muted small">
        Ordering: T(x)(t) = x(π(t)), {orderText} (lines join input position π(t) to output t; unmoved positions grey). Mixing: a
        {mixDir === 'causal' ? ' causal' : 'n anti-causal'} filter of length {mixLen}, (θ∗x)(t) = Σ θ(j) {mixDir === 'causal' ? 'x(t−j)' : 'x(t+j)'}, θ(j) drawn from the seed, scaled so Σ|θ(j)| = 1.
      </p>
      <ScenePlot scene={scene} watch={NO_WATCH} testId="alteration-plot" label="The ordering permutation and the mixing filter" />
      <ExactSpectra />
    </section>
  );
}
