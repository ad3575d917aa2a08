/**
 * `study merge DIR`: check the results (collect.ts), then write `notebooks/<experiment>.json` (one lab
 * notebook per experiment, importable by the app's history panel) and `summary.csv` / `summary.json`.
 * Nothing is written unless every unit is there exactly once and valid.
 */
import { join } from 'node:path';
import { StudyError } from '../../core/study';
import { assembleExperiment } from './assemble';
import { collectResults } from './collect';
import { loadManifest, writeAtomic } from './files';
import { experimentNotebook } from './notebook';
import { experimentSummary, summaryCsv } from './summary';

export function mergeStudy(dir: string, appVersion: string, now = new Date()): { experiments: number; lanes: number } {
  const m = loadManifest(dir);
  const { results, problems } = collectResults(dir, m);
  if (problems.length > 0) throw new StudyError(`the study is not complete; nothing was merged:\n  ${problems.join('\n  ')}`);
  const merged = m.experiments.map((e) => assembleExperiment(m, e, results));
  for (const x of merged) writeAtomic(join(dir, 'notebooks', `${x.experiment.id}.json`), experimentNotebook(x, appVersion, now));
  const summaries = merged.map(experimentSummary);
  writeAtomic(join(dir, 'summary.json'), JSON.stringify({ study: m.study.name, backend: m.backend, experiments: summaries }, null, 1));
  writeAtomic(join(dir, 'summary.csv'), summaryCsv(m, summaries));
  return { experiments: merged.length, lanes: summaries.reduce((n, s) => n + s.lanes.length, 0) };
}
