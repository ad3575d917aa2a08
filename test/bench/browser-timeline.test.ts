import { describe, expect, it } from 'vitest';
import { blockTimings, cpuTimings, stepTimings, timeAtStep } from '../../bench/browser/timeline';
import { compareEvals } from '../../bench/browser/report';

describe('browser bench timings', () => {
  // 100 steps every 10 s after a 5 s start-up: 0.1 s a step, then 0.2 s a step from step 300 on.
  const samples = [
    { t: 15_000, step: 100 },
    { t: 25_000, step: 200 },
    { t: 35_000, step: 300 },
    { t: 35_500, step: 300 }, // a status without progress
    { t: 55_000, step: 400 },
    { t: 75_000, step: 500 },
  ];

  it('interpolates the time a step was reached between the samples around it', () => {
    expect(timeAtStep(samples, 0)).toBe(0);
    expect(timeAtStep(samples, 50)).toBe(7_500);
    expect(timeAtStep(samples, 100)).toBe(15_000);
    expect(timeAtStep(samples, 250)).toBe(30_000);
    expect(timeAtStep(samples, 350)).toBe(45_000);
    expect(timeAtStep(samples, 501)).toBeNaN();
  });

  it('a finished run: wall time to done, first and last windows at most half the steps', () => {
    const t = stepTimings(samples, 500, true, 75_200, 1000);
    expect(t.window).toBe(250);
    expect(t.wallMs).toBe(75_200);
    expect(t.msPerStep).toBeCloseTo(150.4, 10);
    expect(t.firstMsPerStep).toBe(30_000 / 250);
    expect(t.lastMsPerStep).toBe((75_000 - 30_000) / 250);
  });

  it('a run stopped by the budget is extrapolated at the last window\'s rate', () => {
    const t = stepTimings(samples, 1500, false, 75_000, 200);
    expect(t.finished).toBe(false);
    expect(t.window).toBe(200);
    expect(t.lastMsPerStep).toBe(200);
    expect(t.wallMs).toBe(75_000 + 1000 * 200);
    expect(t.msPerStep).toBeCloseTo(275_000 / 1500, 10);
  });

  it('CPU per step from readings taken with the step count', () => {
    const cpu = [
      { step: 0, workerMs: 0, mainMs: 0, allMs: 0 },
      { step: 100, workerMs: 8_000, mainMs: 100, allMs: 8_300 },
      { step: 200, workerMs: 16_000, mainMs: 200, allMs: 16_600 },
      { step: 400, workerMs: 36_000, mainMs: 400, allMs: 37_200 },
    ];
    const c = cpuTimings(cpu, 100);
    expect(c?.workerMsPerStep).toBe(90);
    expect(c?.firstWorkerMsPerStep).toBe(80);
    expect(c?.lastWorkerMsPerStep).toBe(100);
    expect(c?.mainMsPerStep).toBe(1);
    expect(c?.otherMsPerStep).toBe(2);
    expect(cpuTimings([], 100)).toBeNull();
  });

  it('compares the evaluations two runs share, bit for bit', () => {
    const a = [{ step: 100, mse: [1e-3, 2e-3] }, { step: 200, mse: [1e-4, 2e-4] }];
    const b = [{ step: 100, mse: [1e-3, 2e-3] }, { step: 200, mse: [1e-4, 2.0000001e-4] }, { step: 300, mse: [1, 1] }];
    expect(compareEvals(a, b)).toEqual({ equal: 1, compared: 2 });
    expect(compareEvals(a, [])).toBeNull();
  });
});

describe('browser bench blocks', () => {
  it('cuts a run into blocks of steps with their wall and worker CPU ms/step', () => {
    const samples = [{ t: 10_000, step: 100 }, { t: 30_000, step: 200 }, { t: 40_000, step: 250 }];
    const cpu = [{ step: 0, workerMs: 0, mainMs: 0, allMs: 0 }, { step: 100, workerMs: 9_000, mainMs: 0, allMs: 9_000 }, { step: 200, workerMs: 27_000, mainMs: 0, allMs: 27_000 }];
    expect(blockTimings(samples, cpu, 100)).toEqual([
      { from: 0, to: 100, msPerStep: 100, workerCpuMsPerStep: 90 },
      { from: 100, to: 200, msPerStep: 200, workerCpuMsPerStep: 180 },
      { from: 200, to: 250, msPerStep: 200, workerCpuMsPerStep: null },
    ]);
  });
});
