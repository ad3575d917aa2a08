/** Analysis: SVD, attention spectra, function spectra and power-law rate fits (pure, no tfjs). */
export { singularValues, svd } from './svd';
export type { SvdResult } from './svd';
export { rowCentre, matrixSpectra, couplingMatrices } from './spectra';
export type { SpectraOptions } from './spectra';
export { meanAttention } from './attention';
export { spectrumSummary, quantileSorted } from './summary';
export type { SpectrumSummary } from './summary';
export { functionSingularValues, functionGridMatrix } from './functionSvd';
export type { FunctionSvdOptions } from './functionSvd';
export { fitPowerLaw, floorMask, theorySlope, powerLawAt } from './powerLaw';
export type { PowerLawFit, PowerLawFailure } from './powerLaw';
