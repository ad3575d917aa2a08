/** The study view's export menu: its figure as PNG and SVG, and every point's numbers as CSV (each run's value is in the study's summary.csv). */
import type { StudyTable } from '../../core/results';
import { SCHEMA } from '../../core/config';
import type { RunRecord } from '../../state/app-state';
import { toCsv, type Cell } from '../export/csv';
import { ExportMenu } from '../export/ExportMenu';
import { studyScene } from './study-scene';

/** One row per point of every series: x, the metric's mean, sd, min, max over the values, counts, theory and tail. */
export function studyCsv(table: StudyTable): string {
  const x = SCHEMA[table.x].key;
  const metric = table.metric === 'slope' ? `slope_rank_${String(table.rank)}` : 'final_mse';
  const header = ['series', x, `${metric}_mean`, `${metric}_sd`, `${metric}_min`, `${metric}_max`, 'values', 'runs', 'theory_slope', 'tail_slope'];
  const rows: Cell[][] = table.series.flatMap((s) =>
    s.points.map((p): Cell[] => [
      s.name,
      p.label,
      p.values.length > 0 ? p.mean : '',
      p.values.length > 0 ? p.sd : '',
      p.values.length > 0 ? p.min : '',
      p.values.length > 0 ? p.max : '',
      p.values.length,
      p.runs,
      p.theory ?? '',
      p.tail ?? '',
    ]),
  );
  return toCsv(header, rows);
}

export function StudyExport({ table, runs }: { readonly table: StudyTable | null; readonly runs: readonly RunRecord[] }) {
  const first = runs[0];
  return (
    <ExportMenu
      what={table ? `study-${SCHEMA[table.x].key}` : 'study'}
      label="the study figure"
      testId="export-study"
      unavailable={table === null ? 'Nothing to export: these runs do not form a study.' : null}
      step={() => null}
      inspect="kept"
      scene={(_, theme) => studyScene(table, theme)}
      csv={() => (table ? studyCsv(table) : '')}
      {...(first ? { config: first.config } : {})}
    />
  );
}
