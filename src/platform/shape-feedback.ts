/**
 * Stop a deoptimisation loop of tfjs-core's sizeFromShape in Chromium's V8.
 *
 * Measured in Chromium 156 (V8 with Maglev), not in Node 20: while training, `util.sizeFromShape`
 * (called for every tensor made: Tensor's constructor, the wasm backend's `move`, reshape …) is
 * optimised, deoptimised with "wrong map" at `shape[0]`, re-optimised, and so on — ~1,200 times in
 * 25 s of the default preset, with Maglev and TurboFan recompiling it on the renderer's thread pool
 * (~2 s of compile jobs in 10 s) and the worker running it unoptimised in between. Feeding it arrays
 * of every elements kind before training leaves its keyed loads megamorphic from the start, so no
 * map check is compiled in and nothing deoptimises (trace: 2,600 → 270 deopts in 40 s; the renderer's
 * thread pool 6.6–7.2 → 3.7–3.8 CPU ms a step). Only sizeFromShape's type feedback changes: no
 * tensor, no value.
 */
import { util } from '@tensorflow/tfjs-core';

/** Arrays of each elements kind V8 distinguishes (packed/holey × small ints/doubles/anything). */
function arraysOfEveryKind(): number[][] {
  const holeySmi = new Array<number>(2);
  holeySmi[0] = 2;
  holeySmi[1] = 3;
  const holeyDouble = new Array<number>(2);
  holeyDouble[0] = 2.5;
  holeyDouble[1] = 3;
  const packedAny: unknown[] = [2, 3, 'x'];
  packedAny.pop();
  const holeyAny = new Array<unknown>(3);
  holeyAny[0] = 2;
  holeyAny[1] = 'x';
  holeyAny.length = 1;
  return [[2, 3], [2.5, 3], holeySmi, holeyDouble, packedAny as number[], holeyAny as number[]];
}

/** Call sizeFromShape on every kind of array, enough times to be in its feedback; returns a checksum. */
export function settleShapeFeedback(): number {
  const kinds = arraysOfEveryKind();
  let sum = 0;
  for (let i = 0; i < 1000; i++) for (const shape of kinds) sum += util.sizeFromShape(shape);
  return sum;
}
