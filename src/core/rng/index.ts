export { Rng, streamRng, streamSeed } from './rng';
export type { RngState, StreamName } from './rng';
