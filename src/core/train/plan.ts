import type { AlterationKind, ExperimentConfig, ModelKind, Rank } from '../config/types';
import { buildTarget } from '../targets';
import type { BuiltTarget } from '../targets';

/** One model trained in a run: which architecture, on which target, with which m_h and seed. */
export interface Lane {
  readonly model: ModelKind;
  /** Index into Plan.targets. */
  readonly target: number;
  /** m_h (Transformer lanes; 0 for RNNs). */
  readonly mH: number;
  readonly seedIndex: number;
  /** Weight seed: the experiment seed + seedIndex, so seed index 0 is the model a single run trains. */
  readonly weightSeed: number;
  readonly label: string;
}

export interface PlannedTarget {
  readonly rank: Rank;
  readonly alteration: AlterationKind;
  readonly target: BuiltTarget;
}

export interface Plan {
  readonly targets: readonly PlannedTarget[];
  readonly lanes: readonly Lane[];
}

const ALTERATIONS: readonly AlterationKind[] = ['none', 'order', 'mix'];

function lane(c: ExperimentConfig, model: ModelKind, target: number, mH: number, seedIndex: number, label: string): Lane {
  const seedLabel = c.seeds > 1 ? ` seed ${seedIndex}` : '';
  return { model, target, mH, seedIndex, weightSeed: c.seed + seedIndex, label: label + seedLabel };
}

/** Which target (rank, alteration) each target index of a plan stands for, without building it. */
export function planTargetSpecs(c: ExperimentConfig): { readonly rank: Rank; readonly alteration: AlterationKind }[] {
  const firstRank = c.ranks[0] ?? 'full';
  switch (c.kind) {
    case 'exact':
      return [];
    case 'single':
      return [{ rank: firstRank, alteration: c.alteration }];
    case 'sweep':
      return c.ranks.map((rank) => ({ rank, alteration: c.alteration }));
    case 'compare':
      return ALTERATIONS.map((alteration) => ({ rank: firstRank, alteration }));
  }
}

/**
 * Every (target, model, m_h, seed) an experiment trains, in plan order; cheap (no target is built),
 * so the page can split a run into worker groups before any worker has planned it.
 */
export function planLanes(c: ExperimentConfig): Lane[] {
  const seeds = Array.from({ length: c.seeds }, (_, s) => s);
  const specs = planTargetSpecs(c);
  switch (c.kind) {
    case 'exact':
      return [];
    case 'single': {
      const label = c.model === 'rnn' ? 'RNN' : `m_h ${c.mH}`;
      return seeds.map((s) => lane(c, c.model, 0, c.model === 'rnn' ? 0 : c.mH, s, label));
    }
    case 'sweep': {
      const lanes: Lane[] = [];
      specs.forEach((t, ti) => {
        for (const mH of c.mHs) for (const s of seeds) lanes.push(lane(c, 'transformer', ti, mH, s, `r ${t.rank} · m_h ${mH}`));
      });
      return lanes;
    }
    case 'compare': {
      const lanes: Lane[] = [];
      for (const model of ['rnn', 'transformer'] as const) {
        specs.forEach((t, ti) => {
          const name = model === 'rnn' ? 'RNN' : 'Transformer';
          for (const s of seeds) lanes.push(lane(c, model, ti, model === 'rnn' ? 0 : c.mH, s, `${name} · ${t.alteration}`));
        });
      }
      return lanes;
    }
  }
}

/** Every (target, model, m_h, seed) an experiment trains; all lanes see the same batches. */
export function planExperiment(c: ExperimentConfig): Plan {
  const targets = planTargetSpecs(c).map(({ rank, alteration }) => ({ rank, alteration, target: buildTarget(c, rank, alteration) }));
  return { targets, lanes: planLanes(c) };
}
