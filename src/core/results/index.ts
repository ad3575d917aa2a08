export { summariseSweep, tailSlope } from './sweep';
export type { SweepPoint, SweepRow, SweepSummary } from './sweep';
export { summariseCompare } from './compare';
export type { CompareCell } from './compare';
export { exactMixingSpectra } from './exact';
export type { ExactSpectra } from './exact';
export { logitSpectra, targetSpectra, SPECTRA_SEQUENCES, ATTENTION_SEQUENCES } from './spectra';
export type { LogitSpectra, TargetSpectra } from './spectra';
