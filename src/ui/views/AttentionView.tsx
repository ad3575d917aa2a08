import { useCallback, useMemo } from 'react';
import type { RunStoreState } from '../../state/app-state';
import { useRun } from '../app-context';
import { AttentionExport } from './exports';
import { useTheoryHidden } from '../lesson/use-lesson';
import { MAX_SMALL_MULTIPLES, transformerLanes } from './attention-data';
import { byLaneAttentionScene } from './attention-scene';
import { effectiveLane } from './spectrum-data';
import { SceneCanvas } from '../scene/SceneCanvas';

/** Redrawn when spectra arrive (each evaluation) or a new run or record loads, never per training report. */
const watch = (run: RunStoreState): readonly unknown[] => [run.metrics, run.lanes, run.metrics.spectra.length];

function AttentionCanvas({ lane }: { readonly lane: number }) {
  const scene = useCallback((run: RunStoreState) => byLaneAttentionScene(run, lane), [lane]);
  return <SceneCanvas scene={scene} watch={watch} testId="attention-plot" label={`Mean attention of lane ${lane}: query t by key s`} />;
}

/**
 * Mean attention A[t, s] = softmax_s(S[t, s]) over evaluation sequences, one small map per
 * Transformer lane (a sweep's many lanes: only the selected one). `lane` is the selected lane, if any.
 */
export function AttentionView({ lane }: { readonly lane: number | null }) {
  const lanes = useRun((s) => s.lanes);
  const hidePattern = useTheoryHidden();
  const shown = useMemo(() => {
    const all = transformerLanes({ lanes });
    if (all.length <= MAX_SMALL_MULTIPLES) return all;
    const one = effectiveLane({ lanes }, lane);
    return one === null ? [] : [one];
  }, [lanes, lane]);
  if (shown.length === 0) return null;
  return (
    <section className="panel plot-panel view" aria-labelledby="attention-title" data-testid="attention-view">
      <div className="plot-head">
        <h2 id="attention-title">Mean attention</h2>
        <AttentionExport lanes={shown} />
      </div>
      <p className="muted small">
        Each Transformer lane’s attention A[t, s] = softmax over s of the logits S[t, s], averaged over evaluation sequences at the
        latest evaluation: query position t down, key position s across, colour from 0 to the map’s largest value (each row sums to
        1). A key no query attends to (a dead key) is an empty, dark column: its input is missing from every output that needs it.{' '}
        {hidePattern ? (
          'What to look for appears after the lesson’s reveal.'
        ) : (
          <span data-testid="attention-pattern">
            On the fading memory the original target’s map is causal and banded (each query reads its own and the preceding inputs,
            fading with distance); with the first and last k inputs swapped the band moves with the swapped keys. Trained with a slowly
            learning position embedding (pelr 1, batches of 64), a Transformer leaves a few keys dead; the Table 2 recipe revives them.
          </span>
        )}
      </p>
      <div className={shown.length > 1 ? 'attention-grid' : undefined} data-testid="attention-maps" data-shown={shown.join(',')}>
        {shown.map((l) => (
          <AttentionCanvas key={l} lane={l} />
        ))}
      </div>
    </section>
  );
}
