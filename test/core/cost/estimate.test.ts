import { describe, expect, it } from 'vitest';
import { decodeConfig, DEFAULTS } from '../../../src/core/config';
import type { ExperimentConfig } from '../../../src/core/config';
import { BENCH_FLOP_RATE, estimateRun, fits, refusal, remainingTime, WASM_HEAP_MAX, WASM_MARGIN } from '../../../src/core/cost';
import { planLanes } from '../../../src/core/train';
import { analyticStepFlops } from '../../../bench/flops';

function config(link: string): ExperimentConfig {
  const { config, problems } = decodeConfig(link);
  expect(problems.filter((p) => p.severity !== 'info')).toEqual([]);
  return config;
}

describe('cost model: work', () => {
  it.each(['v=1', 'v=1&kind=sweep&mhs=1,2,4,8,16&mff=64&depth=4', 'v=1&tau=32&batch=16&mh=16&pe=learned'])(
    'a Transformer step is the bench’s analytic matmul count, within 2 percent: %s',
    (link) => {
      const c = config(link);
      const lanes = planLanes(c);
      const bench = analyticStepFlops(c, lanes.map((l) => l.mH), 'split').total;
      const est = estimateRun(c, { backend: 'wasm', workers: 1 }).work.perStep;
      expect(Math.abs(est - bench) / bench).toBeLessThan(0.02);
    },
  );

  it('counts steps and evaluations, and splits work over workers', () => {
    const c = config('v=1&kind=sweep&mhs=1,2,3,4&steps=1000&evalev=300');
    const one = estimateRun(c, { backend: 'wasm', workers: 1 });
    expect(one.work.evaluations).toBe(4); // 300, 600, 900 and the last step
    expect(one.work.total).toBeCloseTo(1000 * one.work.perStep + 4 * one.work.perEval, -3);
    const two = estimateRun(c, { backend: 'wasm', workers: 2 });
    expect(two.workers).toBe(2);
    expect(two.slowestWork.total).toBeLessThan(0.7 * one.work.total);
    expect(two.work.total).toBe(one.work.total);
  });

  it('time: calibrated by the measured speed once running, else the bench FLOP rate ("~")', () => {
    const c = config('v=1&steps=2000');
    const e = estimateRun(c, { backend: 'wasm', workers: 1 });
    expect(remainingTime(e, 2000, 500, 50)).toEqual({ seconds: 30, calibrated: true });
    const guess = remainingTime(e, 2000);
    expect(guess?.calibrated).toBe(false);
    expect(guess?.seconds).toBeCloseTo(e.slowestWork.total / (BENCH_FLOP_RATE.wasm as number), 6);
    expect(remainingTime(estimateRun(c, { backend: 'webgpu', workers: 1 }), 2000)).toBeNull();
  });
});

describe('cost model: limits and refusals', () => {
  const wasm = { backend: 'wasm', workers: 1 };

  it('the default experiment fits in wasm with a few MB', () => {
    const e = estimateRun(DEFAULTS, wasm);
    expect(fits(e)).toBe(true);
    expect(e.worker.peak).toBeGreaterThan(5e6);
    expect(e.worker.peak).toBeLessThan(50e6);
    expect(e.limits.totalBytes).toBe(WASM_HEAP_MAX - WASM_MARGIN);
    expect(refusal(DEFAULTS, wasm)).toBeNull();
  });

  it('refuses issue 13’s out-of-memory link, naming the estimate, the limit and the batch that fits', () => {
    const c = config('?v=1&tau=256&batch=1024&mff=512&depth=4');
    const r = refusal(c, wasm);
    expect(r?.field).toBe('batch');
    expect(r?.message).toMatch(/^This run needs ~\d+ GB on wasm, over its limit of 3\.8 GB \(parameters and Adam .*, a training step \d+ GB, .*\)\. To fit, lower batch to \d+ or less \(now 1024\)\.$/);
    const b = r?.suggestion as number;
    expect(fits(estimateRun({ ...c, batch: b }, wasm))).toBe(true);
    expect(fits(estimateRun({ ...c, batch: b + 1 }, wasm))).toBe(false);
  });

  it('a run whose weights alone do not fit in one worker is told to split over more workers', () => {
    const mhs = Array.from({ length: 32 }, (_, i) => i + 1).join(',');
    const c = config(`v=1&kind=sweep&mhs=${mhs}&mff=1024&depth=6&batch=1&tau=2&evaln=16`);
    const r = refusal(c, wasm);
    expect(r?.field).toBe('workers');
    expect(r?.message).toContain(`split it over workers=${r?.suggestion} or more`);
    expect(fits(estimateRun({ ...c, workers: r?.suggestion as number }, { backend: 'wasm', workers: r?.suggestion as number }))).toBe(true);
  });

  it('WebGPU: a tensor over the adapter’s buffer limits is refused; no total limit applies', () => {
    const c = config('v=1&tau=256&batch=1024&mff=256');
    const gpu = { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 };
    const e = estimateRun(c, { backend: 'webgpu', workers: 1, gpu });
    expect(e.limits).toEqual({ backend: 'webgpu', totalBytes: null, bufferBytes: 128 * 2 ** 20 });
    expect(e.worker.largestTensor).toBeGreaterThan(128 * 2 ** 20);
    const r = refusal(c, { backend: 'webgpu', workers: 1, gpu });
    expect(r?.message).toMatch(/has a tensor of ~\d+ MB, over webgpu's largest buffer of 134 MB/);
    expect(refusal(DEFAULTS, { backend: 'webgpu', workers: 1, gpu })).toBeNull();
  });
});
