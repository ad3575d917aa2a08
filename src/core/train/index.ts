export { TrainingSession } from './session';
export type { RunOutcome, TrainEvents, TrainReport } from './session';
export type { EvalResult } from './eval-set';
export type { SessionCheckpoint } from './checkpoint';
export { planExperiment } from './plan';
export type { Lane, Plan, PlannedTarget } from './plan';
export { learningRate } from './schedule';
export { fixedFeatureDim, fixedFeatures, resolvePE } from './features';
export { meanVar, sampleInputs } from './data';
