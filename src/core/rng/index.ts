export { Rng, streamRng, streamSeed } from './rng';
export type { RngState, StreamName } from './rng';
export { ALTERATION_STREAM, WEIGHT_STREAM } from './stream-ids';
