import { useCallback, useState } from 'react';
import { useConfig } from '../app-context';
import { ScenePlot } from '../scene/ScenePlot';
import { exactScene } from './alteration-scene';
import { PAPER_GRID, useExactSpectra } from './use-exact-spectra';
import { ExactExport } from './exports';

const NO_WATCH = (): readonly unknown[] => [];
/** Values listed in text; the plot shows them all. */
const LISTED = 8;

function listValues(vs: readonly number[]): string {
  const head = vs.slice(0, LISTED).map((v) => v.toFixed(3));
  return vs.length > LISTED ? `${head.join(', ')}, …` : head.join(', ');
}

/** Paper App. D.3: the coupling's exact singular values before and after mixing its inputs. */
export function ExactSpectra() {
  const config = useConfig((s) => s.config);
  const [fine, setFine] = useState(false);
  const { spectra, error, source, grid } = useExactSpectra(config, fine);
  const scene = useCallback(() => exactScene(spectra, grid), [spectra, grid]);
  return (
    <div className="exact-spectra" data-testid="exact-spectra">
      <div className="plot-head">
        <h3 className="view-subtitle">Rank of the coupling before and after mixing (paper App. D.3)</h3>
        <ExactExport spectra={spectra} grid={grid} />
      </div>
      <p className="muted small">
        {source === 'example' ? (
          <>
            A memory target has no coupling ρ, so this shows the paper’s own example instead: ρ(x₁, x₂) = 1 + 2 sin(2πx₁) sin(2πx₂), of
            rank 2.{' '}
          </>
        ) : (
          <>The target’s coupling β·ρ(x₁, x₂) + ρ₀ (rank {String(config.ranks[0] ?? 'full')}, β = {config.beta}, ρ₀ = {config.rho0}). </>
        )}
        Mixing the inputs, ρ(x₁, x₁ + x₂), spreads it over more singular values: a Transformer of head size m_h then has more to
        approximate. Function SVD on a {grid} × {grid} midpoint grid
        {fine ? ' (the paper’s grid).' : ' (exact for these modes), recomputed when the target’s fields change.'}{' '}
        {grid < PAPER_GRID || fine ? (
          <button type="button" className="link" data-testid="exact-grid" onClick={() => setFine(!fine)}>
            {fine ? 'back to the smaller grid' : `recompute on the paper’s ${PAPER_GRID} × ${PAPER_GRID} (about 1 s)`}
          </button>
        ) : null}
      </p>
      {error !== null ? <p className="note small">Could not compute: {error}</p> : null}
      <dl className="exact-values">
        <dt>before ({spectra ? spectra.before.length : '…'} values)</dt>
        <dd data-testid="exact-before">{spectra ? listValues(spectra.before) : 'computing…'}</dd>
        <dt>after mixing ({spectra ? spectra.after.length : '…'} values)</dt>
        <dd data-testid="exact-after">{spectra ? listValues(spectra.after) : 'computing…'}</dd>
      </dl>
      <div className="short-plot">
        <ScenePlot scene={scene} watch={NO_WATCH} testId="exact-spectrum-plot" label="Singular values of the coupling before and after mixing" />
      </div>
    </div>
  );
}
