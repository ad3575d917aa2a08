/**
 * The export menu of each paper view, wired to its scene and its CSV: one line in each view's
 * header mounts one of these.
 */
import type { Alteration } from '../../core/alterations';
import type { CompareCell, ExactSpectra } from '../../core/results';
import type { RunStoreState } from '../../state/app-state';
import { useRun } from '../app-context';
import { ExportMenu } from '../export/ExportMenu';
import { emptyScene } from '../scene/scene';
import { alterationScenes, exactScene } from './alteration-scene';
import { attentionMap, lacksAttention, newestSpectra } from './attention-data';
import { attentionScene } from './attention-scene';
import { compareScene } from './compare-scene';
import { alterationCsv, attentionCsv, compareCsv, exactCsv, meanSpectrumCsv, positionCsv, rateCsv, spectrumCsv } from './csv';
import { meanScene } from './mean-scene';
import { lacksByT, newestEval } from './position-data';
import { byPositionScene, NO_BY_T } from './position-scene';
import { rateScene } from './rate-scene';
import type { RateSummary } from './rate-summary';
import { snapshotAt, type SpectrumChoice } from './spectrum-data';
import { violinSteps } from './violin-scene';

const WAITING = 'Nothing to export yet: waiting for the experiment to load.';
const NOTHING = emptyScene('Nothing to export yet');

const NO_SPECTRA = 'Nothing to export yet: spectra arrive with each evaluation.';

/** The violins (Fig. 1a) or the mean spectra per m_h (Fig. 1b) of the chosen lane and snapshot. */
export function SpectrumExport({ choice, mean }: { readonly choice: SpectrumChoice | null; readonly mean: boolean }) {
  const hasSpectra = useRun((s) => s.metrics.spectra.length > 0);
  const label = useRun((s) => (choice === null ? null : (s.lanes[choice.lane]?.label ?? null)));
  const unavailable = choice === null ? WAITING : hasSpectra ? null : NO_SPECTRA;
  const detail = `${mean ? '' : (label ?? '')} ${choice?.centre ? 'centred' : 'raw'}`;
  return (
    <ExportMenu
      what={mean ? 'mean-spectrum' : 'spectrum'}
      label={mean ? 'the mean spectra per head size' : 'the attention spectrum'}
      testId={mean ? 'export-mean-spectrum' : 'export-spectrum'}
      detail={detail}
      unavailable={unavailable}
      step={(run) => (choice === null ? null : (snapshotAt(run, choice.snapshot)?.step ?? null))}
      scene={(run, theme) => (choice === null ? NOTHING : mean ? meanScene(run, choice, theme) : violinSteps(run, choice, theme))}
      csv={(run) => (choice === null ? '' : mean ? meanSpectrumCsv(run, choice) : spectrumCsv(run, choice))}
    />
  );
}

export function RateExport({ summary, selected }: { readonly summary: RateSummary | null; readonly selected: number | null }) {
  return (
    <ExportMenu
      what="rate"
      label="the rate plot"
      testId="export-rate"
      unavailable={summary === null ? 'Nothing to export yet: the error vs m_h appears with the first evaluation.' : null}
      step={() => summary?.step ?? null}
      scene={(_, theme) => rateScene(summary, selected, theme)}
      csv={() => rateCsv(summary)}
    />
  );
}

export function CompareExport({ cells, step }: { readonly cells: readonly CompareCell[]; readonly step: number | null }) {
  return (
    <ExportMenu
      what="compare"
      label="the comparison bars"
      testId="export-compare"
      unavailable={cells.length === 0 ? 'Nothing to export yet: no evaluation so far.' : null}
      step={() => step}
      scene={() => compareScene(cells, step)}
      csv={() => compareCsv(cells, step)}
    />
  );
}

/**
 * Why a figure built from a per-evaluation field cannot export: the run has not loaded, no
 * evaluation has arrived (`none`), or the newest one was recorded before the field was kept (`old`).
 */
function fieldUnavailable(run: RunStoreState, items: readonly unknown[], lacks: boolean, none: string, old: string): string | null {
  if (run.lanes.length === 0) return WAITING;
  if (items.length === 0) return none;
  return lacks ? old : null;
}

/** The error by position (newest evaluation in the images; every evaluation that has it in the CSV). */
export function PositionExport({ moved }: { readonly moved: readonly number[] }) {
  const unavailable = useRun((s) =>
    fieldUnavailable(s, s.metrics.evals, lacksByT(s.metrics.evals), 'Nothing to export yet: no evaluation so far.', `Nothing to export: ${NO_BY_T}`),
  );
  return (
    <ExportMenu
      what="error-by-position"
      label="the error by position"
      testId="export-position"
      unavailable={unavailable}
      step={(run) => newestEval(run.metrics.evals)?.step ?? null}
      scene={(run, theme) => byPositionScene(run, moved, theme)}
      csv={positionCsv}
    />
  );
}

/** The mean attention maps shown (newest snapshot in the images; every snapshot that has them in the CSV). */
export function AttentionExport({ lanes }: { readonly lanes: readonly number[] }) {
  const unavailable = useRun((s) =>
    fieldUnavailable(
      s,
      s.metrics.spectra,
      lacksAttention(s.metrics.spectra),
      'Nothing to export yet: the mean attention arrives with each evaluation.',
      'Nothing to export: this record was made before the mean attention was kept.',
    ),
  );
  return (
    <ExportMenu
      what="attention"
      label="the mean attention"
      testId="export-attention"
      unavailable={unavailable}
      step={(run) => newestSpectra(run.metrics.spectra)?.step ?? null}
      scene={(run) => {
        const maps = lanes.flatMap((l) => attentionMap(run, l) ?? []);
        return maps.length > 0 ? maps.map(attentionScene) : emptyScene('No mean attention yet: it arrives with each evaluation.');
      }}
      csv={attentionCsv}
    />
  );
}

export function ExactExport({ spectra, grid }: { readonly spectra: ExactSpectra | null; readonly grid: number }) {
  return (
    <ExportMenu
      what={`exact-spectra-grid${grid}`}
      label="the exact spectra"
      testId="export-exact"
      unavailable={spectra === null ? 'Nothing to export yet: the function SVD is still computing.' : null}
      step={() => null}
      inspect="none"
      scene={() => exactScene(spectra, grid)}
      csv={() => exactCsv(spectra, grid)}
    />
  );
}

export function AlterationExport({ order, mix, tau }: { readonly order: Alteration; readonly mix: Alteration; readonly tau: number }) {
  return (
    <ExportMenu
      what="alterations"
      label="the alteration drawing"
      testId="export-alteration"
      unavailable={null}
      step={() => null}
      inspect="none"
      scene={(_, theme) => alterationScenes(order, mix, tau, theme)}
      csv={() => alterationCsv(order, mix, tau)}
    />
  );
}
