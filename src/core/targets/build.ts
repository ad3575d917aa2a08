import { identityAlteration, mixAlteration, orderAlteration } from '../alterations';
import type { Alteration } from '../alterations';
import type { AlterationKind, ExperimentConfig, Rank } from '../config/types';
import { ALTERATION_STREAM, streamRng } from '../rng';
import { couplingTarget } from './coupling';
import { memoryTarget } from './memory';
import { couplingSigmas } from './spectrum';
import type { CouplingTarget, MemoryTarget, Target } from './target';

/** The alteration T of a config; its random draws come from the seed's 'alteration' stream. */
export function buildAlteration(c: ExperimentConfig, kind: AlterationKind): Alteration {
  const rng = streamRng(c.seed, 'alteration', kind === 'order' ? ALTERATION_STREAM.order : ALTERATION_STREAM.mix);
  switch (kind) {
    case 'none':
      return identityAlteration();
    case 'order':
      return orderAlteration(c, rng);
    case 'mix':
      return mixAlteration(c, rng);
  }
}

/** The unaltered target H of a config at one rank (ranks matter for coupling targets only). */
export function buildBaseTarget(c: ExperimentConfig, rank: Rank): CouplingTarget | MemoryTarget {
  if (c.target === 'coupling') {
    return couplingTarget({
      tau: c.tau,
      sigmas: couplingSigmas(c, rank),
      beta: c.beta,
      rho0: c.rho0,
      basis: c.basis,
    });
  }
  return memoryTarget(c, streamRng(c.seed, 'target'));
}

/** An altered target H̃(x) = H(T(x)); the model sees raw x and must output H(T(x)). */
export interface BuiltTarget extends Target {
  readonly base: CouplingTarget | MemoryTarget;
  readonly alteration: Alteration;
}

export function buildTarget(c: ExperimentConfig, rank: Rank, alteration: AlterationKind): BuiltTarget {
  const base = buildBaseTarget(c, rank);
  const t = buildAlteration(c, alteration);
  return {
    tau: c.tau,
    base,
    alteration: t,
    apply: (x, count) => base.apply(t.apply(x, count), count),
  };
}
