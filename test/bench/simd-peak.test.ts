import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { B_AT, C_AT, MAX_K, peakWat } from '../../bench/simd-peak-wat';

async function assemble(fused: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await wabtInit();
  const m = wabt.parseWat('peak.wat', peakWat(fused), { simd: true, relaxed_simd: true });
  try {
    m.validate();
    return Uint8Array.from(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

describe('npm run bench:peak kernel', () => {
  it('adds A·B to the 4 × 8 tile C once per rep, each sum a float32 multiply and add in k order', async () => {
    const { instance } = await WebAssembly.instantiate(await assemble(false));
    const memory = instance.exports.memory as WebAssembly.Memory;
    const run = instance.exports.run as (k: number, reps: number) => void;
    const K = 37;
    const a = new Float32Array(memory.buffer, 0, K * 4); // [K, 4]
    const b = new Float32Array(memory.buffer, B_AT, K * 8); // [K, 8]
    const c = new Float32Array(memory.buffer, C_AT, 32); // [4, 8]
    a.forEach((_, i) => (a[i] = Math.sin(i + 0.5)));
    b.forEach((_, i) => (b[i] = Math.cos(2 * i + 0.25)));
    c.forEach((_, i) => (c[i] = i / 7));
    const want = Float32Array.from(c);
    for (let rep = 0; rep < 2; rep++) {
      for (let r = 0; r < 4; r++) {
        for (let j = 0; j < 8; j++) {
          let acc = want[r * 8 + j] as number;
          for (let k = 0; k < K; k++) acc = Math.fround(acc + Math.fround((a[k * 4 + r] as number) * (b[k * 8 + j] as number)));
          want[r * 8 + j] = acc;
        }
      }
    }
    run(K, 0);
    expect(Array.from(c)).toEqual(Array.from(c, (_, i) => Math.fround(i / 7)));
    run(K, 2);
    expect(Array.from(c)).toEqual(Array.from(want));
    expect(MAX_K).toBeGreaterThanOrEqual(128);
  });

  it('assembles the fused variant with relaxed SIMD’s multiply-add', async () => {
    expect(peakWat(true)).toContain('f32x4.relaxed_madd');
    expect(peakWat(false)).not.toContain('relaxed');
    expect((await assemble(true)).length).toBeGreaterThan(100);
  });
});
