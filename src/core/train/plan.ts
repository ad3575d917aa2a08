import { movedPositions } from '../alterations';
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

/** Which target a target index of a plan stands for: the rank of its coupling and its alteration. */
export interface TargetSpec {
  readonly rank: Rank;
  readonly alteration: AlterationKind;
}

export interface PlannedTarget extends TargetSpec {
  readonly target: BuiltTarget;
}

export interface Plan {
  readonly targets: readonly PlannedTarget[];
  readonly lanes: readonly Lane[];
}

/** A lane as the page shows it (its weight seed stays with the trainer). */
export type LaneInfo = Pick<Lane, 'label' | 'model' | 'mH' | 'target' | 'seedIndex'>;

/** A target as the page shows it: which one it is, and the output positions its ordering moves (π(t) ≠ t; none without one). */
export interface TargetInfo extends TargetSpec {
  readonly moved: readonly number[];
}

/** A plan as plain data: what the worker sends the page, which renders it without planning the run again. */
export interface PlanInfo {
  readonly targets: readonly TargetInfo[];
  readonly lanes: readonly LaneInfo[];
}

/** What a results table reads of a plan (core/results): a Plan or a PlanInfo. */
export interface PlanOutline {
  readonly targets: readonly TargetSpec[];
  readonly lanes: readonly LaneInfo[];
}

const ALTERATIONS: readonly AlterationKind[] = ['none', 'order', 'mix'];

function lane(c: ExperimentConfig, model: ModelKind, target: number, mH: number, seedIndex: number, label: string): Lane {
  const seedLabel = c.seeds > 1 ? ` seed ${seedIndex}` : '';
  return { model, target, mH, seedIndex, weightSeed: c.seed + seedIndex, label: label + seedLabel };
}

/** Which target (rank, alteration) each target index of a plan stands for, without building it. */
export function planTargetSpecs(c: ExperimentConfig): TargetSpec[] {
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

/** Heads W_QKV holds for every Transformer lane: the largest m_h of the whole run (0 without one). */
export function headCapacity(runLanes: readonly Lane[]): number {
  return Math.max(0, ...runLanes.filter((l) => l.model === 'transformer').map((l) => l.mH));
}

/** The plan of a group of a run's lanes (run plan indices): the run's targets, those lanes. */
export function groupPlan(runPlan: Plan, laneIds: readonly number[]): Plan {
  const lanes = laneIds.map((i) => {
    const lane = runPlan.lanes[i];
    if (!lane) throw new Error(`lane ${i} is not in the run's plan of ${runPlan.lanes.length} lanes`);
    return lane;
  });
  return { targets: runPlan.targets, lanes };
}

/** Every (target, model, m_h, seed) an experiment trains; all lanes see the same batches. */
export function planExperiment(c: ExperimentConfig): Plan {
  const targets = planTargetSpecs(c).map(({ rank, alteration }) => ({ rank, alteration, target: buildTarget(c, rank, alteration) }));
  return { targets, lanes: planLanes(c) };
}

/** The plan as the page needs it: no target function, no weight seed. */
export function planInfo(plan: Plan): PlanInfo {
  return {
    targets: plan.targets.map((t) => ({ rank: t.rank, alteration: t.alteration, moved: movedPositions(t.target.alteration.permutation) })),
    lanes: plan.lanes.map((l) => ({ label: l.label, model: l.model, mH: l.mH, target: l.target, seedIndex: l.seedIndex })),
  };
}
