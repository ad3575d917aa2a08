/**
 * The sub-stream ids of the named streams (./rng.ts). A lane's copy of a parameter is drawn from
 * streamRng(weightSeed, 'weights', id, part) (models/params.ts), an alteration's draws from
 * streamRng(seed, 'alteration', id) (targets/build.ts). Changing an id changes the numbers it draws,
 * so every result and every digest: test/core/rng/stream-ids.test.ts pins each value.
 */

/** Weight-stream ids of the Transformer's and the RNN's parameters; no two parameters share one. */
export const WEIGHT_STREAM = {
  /** f̂'s linear layers: layer i's weight is 10 + 2i, its bias 10 + 2i + 1 (10…21 at depth 6). */
  f: 10,
  /** W_QKV: its W_Q, W_K and W_V column blocks are parts 0, 1 and 2 of this stream. */
  qkv: 50,
  /** The learned position embedding E [τ, n]. */
  positionEmbedding: 60,
  /** F̂'s linear layers, as f̂'s from 70 (70…81 at depth 6). */
  g: 70,
  /** The RNN's W, U, b, c and c₀. */
  rnnW: 100,
  rnnU: 101,
  rnnB: 102,
  rnnC: 103,
  rnnC0: 104,
} as const;

/** Alteration-stream ids: the ordering's and the mixing's draws are separate. */
export const ALTERATION_STREAM = {
  order: 1,
  mix: 2,
} as const;
