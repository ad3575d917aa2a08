/**
 * `npm run bench:peak`: how fast WebAssembly SIMD can multiply on this machine at all, for the 4 × 8
 * register tile the app's products use (./simd-peak-wat.ts), with a multiply and an add per term
 * and with relaxed SIMD's fused multiply-add. Beside `npm run bench -- --cases products --peer`, it
 * says how far the app's products are from the ceiling of the platform, and whether a fused
 * multiply-add would raise that ceiling here. Pin it like the other benches: `taskset -c 0 npm run bench:peak`.
 * Node 20 needs --experimental-wasm-relaxed-simd for the fused variant (the npm script passes it).
 */
import os from 'node:os';
import wabtInit from 'wabt';
import { B_AT, C_AT, peakWat } from './simd-peak-wat';

const K = 128;
const REPS = 20_000;
const ROUNDS = 9;

async function build(fused: boolean): Promise<Uint8Array<ArrayBuffer> | null> {
  const wabt = await wabtInit();
  const m = wabt.parseWat('peak.wat', peakWat(fused), { simd: true, relaxed_simd: true });
  try {
    m.validate();
    const bytes = Uint8Array.from(m.toBinary({}).buffer); // a copy on its own ArrayBuffer
    return WebAssembly.validate(bytes) ? bytes : null;
  } finally {
    m.destroy();
  }
}

/** GFLOP/s of `run` at its best and median round, after checking one tile against float64. */
async function measure(bytes: Uint8Array<ArrayBuffer>): Promise<{ best: number; median: number; worstError: number }> {
  const { instance } = await WebAssembly.instantiate(bytes);
  const memory = instance.exports.memory as WebAssembly.Memory;
  const run = instance.exports.run as (k: number, reps: number) => void;
  const a = new Float32Array(memory.buffer, 0, K * 4); // [K, 4]
  const b = new Float32Array(memory.buffer, B_AT, K * 8); // [K, 8]
  const c = new Float32Array(memory.buffer, C_AT, 32); // [4, 8]
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(i + 1);
  for (let i = 0; i < b.length; i++) b[i] = Math.cos(3 * i + 1);
  c.fill(0);
  run(K, 1);
  let worstError = 0;
  for (let r = 0; r < 4; r++) {
    for (let j = 0; j < 8; j++) {
      let want = 0;
      for (let k = 0; k < K; k++) want += (a[k * 4 + r] as number) * (b[k * 8 + j] as number);
      worstError = Math.max(worstError, Math.abs((c[r * 8 + j] as number) - want));
    }
  }
  run(K, 500);
  const gflops: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    run(K, REPS);
    gflops.push((2 * 32 * K * REPS) / (performance.now() - t) / 1e6);
  }
  gflops.sort((x, y) => x - y);
  return { best: gflops[gflops.length - 1] as number, median: gflops[Math.floor(ROUNDS / 2)] as number, worstError };
}

async function main(): Promise<void> {
  console.log(`WebAssembly SIMD ceiling, 4 × 8 register tile, K = ${K}, operands in L1 · Node ${process.version} · ${os.cpus()[0]?.model ?? '?'} · 1-min load ${os.loadavg()[0]?.toFixed(2)}`);
  console.log('variant                    GFLOP/s best  median  |C − A·B| (float64)');
  for (const fused of [false, true]) {
    const name = fused ? 'relaxed_madd (fused)' : 'f32x4.mul + f32x4.add';
    const bytes = await build(fused);
    if (!bytes) {
      console.log(`${name.padEnd(26)} not available in this runtime (relaxed SIMD off)`);
      continue;
    }
    const r = await measure(bytes);
    if (r.worstError > 1e-3) throw new Error(`${name}: the tile is wrong (error ${r.worstError})`);
    console.log(`${name.padEnd(26)} ${r.best.toFixed(1).padStart(12)}  ${r.median.toFixed(1).padStart(6)}  ${r.worstError.toExponential(1)}`);
  }
  console.log('The app\'s products reach their rate in `npm run bench -- --cases products` (wasm, whole 1024 × 128 × 128 layers).');
}

void main();
