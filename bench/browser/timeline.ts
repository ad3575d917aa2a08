/**
 * Step timings from a run's progress samples: (time, step) pairs read from the page as the step count
 * moves. A step's time is interpolated linearly between the samples around it (the page learns the
 * step count in batches, about every 100 ms or every log interval).
 */

export interface Sample {
  /** ms since Play was pressed. */
  readonly t: number;
  readonly step: number;
}

export interface StepTimings {
  /** Steps trained when the run ended or the budget ran out. */
  readonly stepsDone: number;
  readonly totalSteps: number;
  /** Whether the run reached its last step (else the figures past stepsDone are extrapolated). */
  readonly finished: boolean;
  /** Play → done, ms; extrapolated from the last window's rate when not finished. */
  readonly wallMs: number;
  /** wallMs / totalSteps. */
  readonly msPerStep: number;
  /** Steps in the first and last windows (the requested size, at most half the steps done). */
  readonly window: number;
  readonly firstMsPerStep: number;
  readonly lastMsPerStep: number;
}

/** CPU ms the browser's threads had used since Play when the page showed `step`. */
export interface CpuSample {
  readonly step: number;
  /** The training worker's thread. */
  readonly workerMs: number;
  /** The page's main thread. */
  readonly mainMs: number;
  /** Every Chromium thread (browser, GPU and renderer processes, the two above included). */
  readonly allMs: number;
}

export interface CpuTimings {
  /** Worker CPU ms per step over every step done, and over the first and last windows. */
  readonly workerMsPerStep: number;
  readonly firstWorkerMsPerStep: number;
  readonly lastWorkerMsPerStep: number;
  /** Page main-thread CPU ms per step over every step done. */
  readonly mainMsPerStep: number;
  /** CPU ms per step of all Chromium's other threads (compositor, GPU, browser process …). */
  readonly otherMsPerStep: number;
}

/** ms at which `step` was reached (0 for step 0, Play); NaN past the last sample. */
export function timeAtStep(samples: readonly Sample[], step: number): number {
  if (step <= 0) return 0;
  let prev: Sample = { t: 0, step: 0 };
  for (const s of samples) {
    if (s.step >= step) {
      if (s.step === prev.step) return s.t;
      return prev.t + ((step - prev.step) / (s.step - prev.step)) * (s.t - prev.t);
    }
    if (s.step > prev.step) prev = s;
  }
  return Number.NaN;
}

/**
 * Timings of a run whose samples end at `endMs` (done, or when the budget ran out). `window` is the
 * requested size of the first and last windows.
 */
export function stepTimings(samples: readonly Sample[], totalSteps: number, finished: boolean, endMs: number, window: number): StepTimings {
  const stepsDone = samples.reduce((m, s) => Math.max(m, s.step), 0);
  const w = Math.max(1, Math.min(window, Math.floor(stepsDone / 2)));
  const doneAt = timeAtStep(samples, stepsDone);
  const firstMsPerStep = timeAtStep(samples, w) / w;
  const lastMsPerStep = (doneAt - timeAtStep(samples, stepsDone - w)) / w;
  const wallMs = finished ? endMs : doneAt + (totalSteps - stepsDone) * lastMsPerStep;
  return {
    stepsDone,
    totalSteps,
    finished,
    wallMs,
    msPerStep: wallMs / totalSteps,
    window: w,
    firstMsPerStep,
    lastMsPerStep,
  };
}

/** CPU per step from readings taken with the step count (null without readings); `window` as stepTimings chose it. */
export function cpuTimings(cpu: readonly CpuSample[], window: number): CpuTimings | null {
  const last = cpu.at(-1);
  if (!last || last.step <= 0) return null;
  const worker = cpu.map((c) => ({ t: c.workerMs, step: c.step }));
  const main = cpu.map((c) => ({ t: c.mainMs, step: c.step }));
  const other = cpu.map((c) => ({ t: c.allMs - c.workerMs - c.mainMs, step: c.step }));
  const end = last.step;
  return {
    workerMsPerStep: timeAtStep(worker, end) / end,
    firstWorkerMsPerStep: timeAtStep(worker, window) / window,
    lastWorkerMsPerStep: (timeAtStep(worker, end) - timeAtStep(worker, end - window)) / window,
    mainMsPerStep: timeAtStep(main, end) / end,
    otherMsPerStep: timeAtStep(other, end) / end,
  };
}

/** ms/step (wall) and worker CPU ms/step over one block of steps. */
export interface Block {
  readonly from: number;
  readonly to: number;
  readonly msPerStep: number;
  /** null without CPU readings. */
  readonly workerCpuMsPerStep: number | null;
}

/** The run cut into blocks of `size` steps (the last one possibly shorter): is it flat? */
export function blockTimings(samples: readonly Sample[], cpu: readonly CpuSample[], size: number): Block[] {
  const stepsDone = samples.reduce((m, s) => Math.max(m, s.step), 0);
  const cpuEnd = cpu.reduce((m, c) => Math.max(m, c.step), 0);
  const worker = cpu.map((c) => ({ t: c.workerMs, step: c.step }));
  const blocks: Block[] = [];
  for (let from = 0; from < stepsDone; from += size) {
    const to = Math.min(stepsDone, from + size);
    const n = to - from;
    blocks.push({
      from,
      to,
      msPerStep: (timeAtStep(samples, to) - timeAtStep(samples, from)) / n,
      workerCpuMsPerStep: to <= cpuEnd ? (timeAtStep(worker, to) - timeAtStep(worker, from)) / n : null,
    });
  }
  return blocks;
}
