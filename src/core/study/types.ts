/** The shapes of a study: the file a researcher writes, what it expands into, and the plan's manifest. */

/** A study file once read: a base link and the axes whose grid of values it spans. */
export interface Study {
  readonly name: string;
  /** The base share link (query text, `v=1&kind=sweep&…`), every experiment's starting point. */
  readonly base: string;
  /** Link key → the link texts of its values, in file order (a value list of a list field is `1,2,4`). */
  readonly axes: readonly StudyAxis[];
  /** Work units per experiment (lane groups); null: as many as the plan has shards (up to its lanes). */
  readonly unitsPerExperiment: number | null;
}

export interface StudyAxis {
  readonly key: string;
  readonly values: readonly string[];
}

/** One point of the grid: the base link with one value of each axis. */
export interface Experiment {
  readonly index: number;
  /** `e000`, `e001`, …: names its units and its notebook. */
  readonly id: string;
  /** The experiment's canonical share link (encodeConfig of the decoded link). */
  readonly link: string;
  /** Axis key → the value this experiment takes. */
  readonly values: Readonly<Record<string, string>>;
}

/** A group of one experiment's lanes, trained together by one TrainingSession in one shard. */
export interface WorkUnit {
  /** `e000-u00`: experiment id and group number. */
  readonly id: string;
  readonly experiment: number;
  /** Indices into the experiment's plan lanes (planLanes order). */
  readonly lanes: readonly number[];
  /** Estimated cost: steps × Σ laneCost of its lanes (only ratios matter). */
  readonly cost: number;
}

/** The backends a study's shards can train on in Node (webgpu: a GPU node, docs/studies.md §7). */
export type StudyBackend = 'wasm' | 'cpu' | 'webgpu';
export const STUDY_BACKENDS: readonly StudyBackend[] = ['wasm', 'cpu', 'webgpu'];

export const MANIFEST_FORMAT = 'rankscope-study-manifest';
export const MANIFEST_VERSION = 1;

/** What `study plan` writes: everything a shard needs to know what to run. */
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly formatVersion: typeof MANIFEST_VERSION;
  readonly study: Study;
  /** The tfjs backend every shard trains on (lanes match bit for bit only on one backend). */
  readonly backend: StudyBackend;
  readonly experiments: readonly Experiment[];
  readonly units: readonly WorkUnit[];
  /** shards[i]: the ids of shard i's units, in the order it trains them. */
  readonly shards: readonly (readonly string[])[];
}
