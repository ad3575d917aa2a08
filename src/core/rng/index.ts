export { Rng, streamRng, streamSeed } from './rng';
export type { StreamName } from './rng';
