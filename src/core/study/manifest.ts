/**
 * The plan of a study: expand the grid, split each experiment into units, assign units to shards.
 * `readManifest` checks a manifest read back from disk (a shard trusts nothing it did not compute).
 */
import { StudyError } from './errors';
import { expandStudy } from './expand';
import { parseStudy } from './parse';
import { MANIFEST_FORMAT, MANIFEST_VERSION, STUDY_BACKENDS } from './types';
import type { Manifest, Study, StudyBackend, WorkUnit } from './types';
import { assignShards, experimentUnits } from './units';

export function planStudy(study: Study, shards: number, backend: StudyBackend): Manifest {
  if (!Number.isInteger(shards) || shards < 1 || shards > 100_000) throw new StudyError(`shards: expected an integer 1…100000, found ${shards}`);
  const { experiments, configs } = expandStudy(study);
  const perExperiment = study.unitsPerExperiment ?? shards;
  const units: WorkUnit[] = experiments.flatMap((e, i) => experimentUnits(e, configs[i] as (typeof configs)[number], perExperiment));
  return { format: MANIFEST_FORMAT, formatVersion: MANIFEST_VERSION, study, backend, experiments, units, shards: assignShards(units, shards) };
}

/**
 * A manifest read from disk, re-planned from its own study and compared: a manifest edited by hand
 * (or written by another version of the planner) is refused rather than half-trusted.
 */
export function readManifest(data: unknown): Manifest {
  const m = data as Partial<Manifest> | null;
  if (!m || m.format !== MANIFEST_FORMAT) throw new StudyError('manifest.json: not a Rankscope study manifest');
  if (m.formatVersion !== MANIFEST_VERSION) throw new StudyError(`manifest.json: formatVersion ${String(m.formatVersion)} (this runner reads ${MANIFEST_VERSION})`);
  const backend = STUDY_BACKENDS.find((b) => b === m.backend);
  if (!backend) throw new StudyError(`manifest.json: backend must be one of ${STUDY_BACKENDS.join(', ')}`);
  if (!Array.isArray(m.shards)) throw new StudyError('manifest.json: shards missing');
  const study = parseStudy({
    name: m.study?.name,
    base: m.study?.base,
    axes: Object.fromEntries((m.study?.axes ?? []).map((a) => [a.key, a.values])),
    ...(m.study?.unitsPerExperiment ? { unitsPerExperiment: m.study.unitsPerExperiment } : {}),
  });
  const again = planStudy(study, m.shards.length, backend);
  if (JSON.stringify(again) !== JSON.stringify(m)) throw new StudyError('manifest.json: does not match a fresh plan of its own study (edited by hand, or planned by another version)');
  return again;
}
