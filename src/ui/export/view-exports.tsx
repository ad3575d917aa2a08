/**
 * The export menu of each figure, wired to its data and its figure function: one line in each
 * panel's header mounts one of these.
 */
import type { Alteration } from '../../core/alterations';
import type { CompareCell, ExactSpectra } from '../../core/results';
import type { RunStoreState } from '../../state/app-state';
import { useRun } from '../app-context';
import { evalChart, lossChart } from '../plots/figures';
import { alterationFigure, compareBars, exactFigure } from '../views/compare-figures';
import { attentionMap, lacksAttention, latestWithAttention } from '../views/attention-data';
import type { AttentionMap } from '../views/attention-data';
import { attentionFigure } from '../views/attention-figure';
import { lacksByT, latestWithByT, positionData } from '../views/position-data';
import { positionFigure } from '../views/position-figure';
import { NO_BY_T } from '../views/position-scene';
import { rateFigure } from '../views/rate-figure';
import type { RateSummary } from '../views/rate-summary';
import type { SpectrumChoice } from '../views/spectrum-data';
import { meanFigure, violinFigure } from '../views/spectrum-figure';
import { chartFigure } from './chart-figure';
import { alterationCsv, attentionCsv, compareCsv, evalCsv, exactCsv, meanSpectrumCsv, positionCsv, rateCsv, spectrumCsv, trainLossCsv } from './csv';
import { ExportMenu } from './ExportMenu';

const WAITING = 'Nothing to export yet: waiting for the experiment to load.';

const lastTrainStep = (run: RunStoreState): number | null => run.metrics.trainSteps[run.metrics.trainSteps.length - 1] ?? null;
const lastEvalStep = (run: RunStoreState): number | null => run.metrics.evals[run.metrics.evals.length - 1]?.step ?? null;

export function LossExport({ smoothing }: { readonly smoothing: number }) {
  const unavailable = useRun((s) =>
    s.lanes.length === 0 ? WAITING : s.metrics.trainSteps.length === 0 ? 'Nothing to export yet: no training step reported (press Play or Step).' : null,
  );
  return (
    <ExportMenu
      what="train-loss"
      label="the training loss"
      testId="export-loss"
      unavailable={unavailable}
      step={lastTrainStep}
      figure={(run, theme) => chartFigure(lossChart(run, smoothing), theme)}
      csv={trainLossCsv}
    />
  );
}

export function EvalExport({ relative }: { readonly relative: boolean }) {
  const unavailable = useRun((s) =>
    s.lanes.length === 0 ? WAITING : s.metrics.evals.length === 0 ? 'Nothing to export yet: no evaluation so far.' : null,
  );
  return (
    <ExportMenu
      what={relative ? 'eval-relative' : 'eval'}
      label="the evaluation error"
      testId="export-eval"
      unavailable={unavailable}
      step={lastEvalStep}
      figure={(run, theme) => chartFigure(evalChart(run, relative), theme)}
      csv={evalCsv}
    />
  );
}

const NO_SPECTRA = 'Nothing to export yet: spectra arrive with each evaluation.';

function snapshotStep(run: RunStoreState, choice: SpectrumChoice): number | null {
  const all = run.metrics.spectra;
  return all[choice.snapshot === null ? all.length - 1 : Math.min(choice.snapshot, all.length - 1)]?.step ?? null;
}

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
      step={(run) => (choice === null ? null : snapshotStep(run, choice))}
      figure={(run, theme) => (choice === null ? { data: [], layout: {} } : mean ? meanFigure(run, choice, theme) : violinFigure(run, choice, theme))}
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
      figure={(_, theme) => rateFigure(summary, selected, theme)}
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
      figure={(_, theme) => compareBars(cells, step, theme)}
      csv={() => compareCsv(cells, step)}
    />
  );
}

/**
 * Why a figure built from an optional per-evaluation field cannot export yet: the run has not
 * loaded, nothing carrying the field has arrived (`none`), or only records from before it existed (`old`).
 */
function fieldUnavailable(run: RunStoreState, items: readonly unknown[], lacks: boolean, none: string, old: string): string | null {
  if (run.lanes.length === 0) return WAITING;
  if (items.length === 0) return none;
  return lacks ? old : null;
}

/** The error by position (latest evaluation in the images; every evaluation that has it in the CSV). */
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
      step={(run) => latestWithByT(run.metrics.evals)?.step ?? null}
      figure={(run, theme) => positionFigure(positionData(run, moved), 'No evaluation yet', theme)}
      csv={positionCsv}
    />
  );
}

/** The mean attention maps shown (latest snapshot in the images; every snapshot that has them in the CSV). */
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
  const maps = (run: RunStoreState): AttentionMap[] => lanes.flatMap((l) => attentionMap(run, l) ?? []);
  return (
    <ExportMenu
      what="attention"
      label="the mean attention"
      testId="export-attention"
      unavailable={unavailable}
      step={(run) => latestWithAttention(run.metrics.spectra)?.step ?? null}
      figure={(run, theme) => attentionFigure(maps(run), theme)}
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
      figure={(_, theme) => exactFigure(spectra, grid, theme)}
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
      figure={(_, theme) => alterationFigure(order, mix, tau, theme)}
      csv={() => alterationCsv(order, mix, tau)}
    />
  );
}
