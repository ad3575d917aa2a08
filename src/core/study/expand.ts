/**
 * A study's grid → experiments. The order is deterministic: the axes in file order, the first axis
 * outermost (like nested loops), each axis's values in file order. Every grid point is the base link
 * with the axes' values appended; it must decode without problems, or the study is refused naming
 * the experiment, the key and the value.
 */
import { decodeConfig, encodeConfig, queryPart } from '../config';
import type { ExperimentConfig } from '../config';
import { StudyError } from './errors';
import type { Experiment, Study } from './types';

export const experimentId = (index: number): string => `e${String(index).padStart(3, '0')}`;

/** The grid points: one record of axis key → value per experiment, first axis outermost. */
export function gridPoints(study: Study): Record<string, string>[] {
  let points: Record<string, string>[] = [{}];
  for (const a of study.axes) points = points.flatMap((p) => a.values.map((v) => ({ ...p, [a.key]: v })));
  return points;
}

/** Decode a link; refuse it, naming `where`, if it has any problem beyond an informational notice. */
export function decodeClean(link: string, where: string): ExperimentConfig {
  const { config, problems } = decodeConfig(link);
  const bad = problems.filter((p) => p.severity !== 'info');
  // The codec keeps a field's default for a bad value; a study refuses instead, so that part is dropped.
  if (bad.length > 0) throw new StudyError(`${where}: ${bad.map((p) => p.message.replace(/; kept the default$/, '')).join('; ')}`);
  if (config.kind === 'exact') throw new StudyError(`${where}: kind=exact trains nothing; a study runs single, sweep or compare experiments`);
  return config;
}

/** Expand a study into its experiments (with their configs), checking every link. */
export function expandStudy(study: Study): { experiments: Experiment[]; configs: ExperimentConfig[] } {
  decodeClean(study.base, 'base');
  const base = queryPart(study.base);
  const experiments: Experiment[] = [];
  const configs: ExperimentConfig[] = [];
  gridPoints(study).forEach((values, index) => {
    const extra = Object.entries(values).map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/gi, ',')}`);
    const named = Object.entries(values).map(([k, v]) => `${k}=${v}`).join(', ');
    const config = decodeClean([base, ...extra].filter((s) => s !== '').join('&'), `experiment ${experimentId(index)} (${named || 'the base'})`);
    const link = encodeConfig(config);
    const same = experiments.find((e) => e.link === link);
    if (same) throw new StudyError(`experiment ${experimentId(index)} (${named}) is the same experiment as ${same.id}: two axis values mean the same`);
    configs.push(config);
    experiments.push({ index, id: experimentId(index), link, values });
  });
  return { experiments, configs };
}
