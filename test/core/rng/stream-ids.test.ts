import { describe, expect, it } from 'vitest';
import { SCHEMA } from '../../../src/core/config';
import { mlpSpecs } from '../../../src/core/models/mlp';
import { ALTERATION_STREAM, WEIGHT_STREAM } from '../../../src/core/rng';

describe('stream ids', () => {
  it('keep their values: a changed id changes every result and digest', () => {
    expect(WEIGHT_STREAM).toEqual({ f: 10, qkv: 50, positionEmbedding: 60, g: 70, rnnW: 100, rnnU: 101, rnnB: 102, rnnC: 103, rnnC0: 104 });
    expect(ALTERATION_STREAM).toEqual({ order: 1, mix: 2 });
  });

  it('give every parameter of the deepest Transformer and of the RNN a stream of its own', () => {
    const depth = SCHEMA.depth.max;
    expect(depth).toBe(6);
    const mlpIds = (base: number): number[] => mlpSpecs(base, 1, 8, 8, depth).specs.map((s) => s.id);
    const ids = [
      ...mlpIds(WEIGHT_STREAM.f),
      WEIGHT_STREAM.qkv,
      WEIGHT_STREAM.positionEmbedding,
      ...mlpIds(WEIGHT_STREAM.g),
      WEIGHT_STREAM.rnnW,
      WEIGHT_STREAM.rnnU,
      WEIGHT_STREAM.rnnB,
      WEIGHT_STREAM.rnnC,
      WEIGHT_STREAM.rnnC0,
    ];
    expect(mlpIds(WEIGHT_STREAM.f)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
