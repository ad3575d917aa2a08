export { couplingTarget } from './coupling';
export type { CouplingParams } from './coupling';
export { memoryKernel, memoryTarget } from './memory';
export type { MemoryParams } from './memory';
export { couplingSigmas, theoryExponent } from './spectrum';
export { phiInto, psiInto } from './basis';
export { buildAlteration, buildBaseTarget, buildTarget } from './build';
export type { BuiltTarget } from './build';
export type { CouplingTarget, MemoryTarget, Target } from './target';
