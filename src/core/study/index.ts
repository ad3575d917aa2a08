/** Studies: a grid of share links expanded into experiments, work units and shards (pure functions). */
export { StudyError } from './errors';
export { parseStudy, parseStudyText } from './parse';
export { decodeClean, expandStudy, experimentId, gridPoints } from './expand';
export { assignShards, experimentUnits, unitId } from './units';
export { planStudy, readManifest } from './manifest';
export { MANIFEST_FORMAT, MANIFEST_VERSION, STUDY_BACKENDS } from './types';
export type { Experiment, Manifest, Study, StudyAxis, StudyBackend, WorkUnit } from './types';
