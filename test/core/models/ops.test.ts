import { describe, expect, it } from 'vitest';
import type { Tensor2D } from '@tensorflow/tfjs-core';
import { transpose2d } from '../../../src/core/models/ops';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';

describe('transpose2d (blocked)', () => {
  for (const name of ['wasm', 'cpu'] as const) {
    it(`equals the element-wise transpose on ${name}, blocked and not`, async () => {
      const tf = await backend(name);
      const rng = new Rng(7);
      // 1024×128 and 64×3 take the blocked path; 40×5 (not a multiple of the block) and 32×9 do not.
      for (const [R, C] of [
        [1024, 128],
        [64, 3],
        [40, 5],
        [32, 9],
      ] as const) {
        const data = Float32Array.from({ length: R * C }, () => rng.normal());
        const x = tf.tensor2d(data, [R, C]);
        const t = transpose2d(x as Tensor2D);
        expect(t.shape).toEqual([C, R]);
        const out = t.dataSync();
        let worst = 0;
        for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) worst = Math.max(worst, Math.abs((out[c * R + r] as number) - (data[r * C + c] as number)));
        expect(worst).toBe(0);
        tf.dispose([x, t]);
      }
    });
  }
});
