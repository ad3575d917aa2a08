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

/** Every (target, model, m_h, seed) an experiment trains; all lanes see the same batches. */
export function planExperiment(c: ExperimentConfig): Plan {
  const seeds = Array.from({ length: c.seeds }, (_, s) => s);
  const firstRank = c.ranks[0] ?? 'full';
  switch (c.kind) {
    case 'exact':
      return { targets: [], lanes: [] };
    case 'single': {
      const targets = [{ rank: firstRank, alteration: c.alteration, target: buildTarget(c, firstRank, c.alteration) }];
      const label = c.model === 'rnn' ? 'RNN' : `m_h ${c.mH}`;
      return { targets, lanes: seeds.map((s) => lane(c, c.model, 0, c.model === 'rnn' ? 0 : c.mH, s, label)) };
    }
    case 'sweep': {
      const targets = c.ranks.map((rank) => ({ rank, alteration: c.alteration, target: buildTarget(c, rank, c.alteration) }));
      const lanes: Lane[] = [];
      targets.forEach((t, ti) => {
        for (const mH of c.mHs) for (const s of seeds) lanes.push(lane(c, 'transformer', ti, mH, s, `r ${t.rank} · m_h ${mH}`));
      });
      return { targets, lanes };
    }
    case 'compare': {
      const targets = ALTERATIONS.map((alteration) => ({
        rank: firstRank,
        alteration,
        target: buildTarget(c, firstRank, alteration),
      }));
      const lanes: Lane[] = [];
      for (const model of ['rnn', 'transformer'] as const) {
        targets.forEach((t, ti) => {
          const name = model === 'rnn' ? 'RNN' : 'Transformer';
          for (const s of seeds) lanes.push(lane(c, model, ti, model === 'rnn' ? 0 : c.mH, s, `${name} · ${t.alteration}`));
        });
      }
      return { targets, lanes };
    }
  }
}
