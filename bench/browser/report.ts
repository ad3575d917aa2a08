/** The browser bench's results: one row per preset, as a plain-text table or JSON. */
import { renderTable } from '../table';
import type { RunnerTiming } from './runner';
import type { Block, CpuTimings, StepTimings } from './timeline';

export interface PresetResult {
  readonly preset: string;
  readonly link: string;
  readonly backend: string | null;
  readonly workers: number;
  /** The run store's state at the end: done, paused (budget), diverged, error. */
  readonly state: string;
  readonly message: string | null;
  readonly timings: StepTimings;
  /** CPU time of the browser's threads per step (null without /proc). */
  readonly cpu: CpuTimings | null;
  /** The run in blocks of N steps (N = --window): wall and worker CPU ms/step of each. */
  readonly blocks: readonly Block[];
  /** CPU ms per step of each Chromium thread (process type/thread name), the busiest first. */
  readonly threads: readonly { readonly thread: string; readonly msPerStep: number }[];
  readonly runner: RunnerTiming | null;
  /** Evaluations at steps both ran whose lane MSEs are identical / all of them (null: none in common). */
  readonly sameMses: { readonly equal: number; readonly compared: number } | null;
  /** 1-min load average before the browser run and after the runner's. */
  readonly load: { readonly start: number; readonly end: number };
}

type Evals = readonly { readonly step: number; readonly mse: readonly number[] }[];

/** Compare the evaluations two runs share (same step): how many have bit-identical MSEs. */
export function compareEvals(a: Evals, b: Evals): PresetResult['sameMses'] {
  let equal = 0;
  let compared = 0;
  for (const e of a) {
    const other = b.find((x) => x.step === e.step);
    if (!other) continue;
    compared += 1;
    if (other.mse.length === e.mse.length && other.mse.every((v, i) => Object.is(v, e.mse[i]))) equal += 1;
  }
  return compared === 0 ? null : { equal, compared };
}

const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');
const int = (x: number): string => x.toLocaleString('en-US');

function outcome(r: PresetResult): string {
  const t = r.timings;
  if (t.finished) return 'done';
  if (r.state === 'paused') return `extrapolated (${int(t.stepsDone)}/${int(t.totalSteps)})`;
  return `${r.state} at ${int(t.stepsDone)}`;
}

export function resultTable(results: readonly PresetResult[]): string {
  const header = [
    'preset', 'backend', 'workers', 'run', 'Play→done s', 'ms/step', 'first N', 'last N', 'N',
    'runner ms/step', 'runner N', 'browser/runner', 'first/runner', 'MSE = runner', 'load',
  ];
  const rows = results.map((r) => {
    const t = r.timings;
    const run = r.runner;
    const mark = t.finished ? '' : '*';
    return [
      r.preset,
      r.backend ?? '?',
      String(r.workers),
      outcome(r),
      `${(t.wallMs / 1000).toFixed(0)}${mark}`,
      `${ms(t.msPerStep)}${mark}`,
      ms(t.firstMsPerStep),
      ms(t.lastMsPerStep),
      int(t.window),
      run ? ms(run.msPerStep) : '–',
      run ? int(run.steps) : '–',
      run ? `${(t.msPerStep / run.msPerStep).toFixed(2)}×${mark}` : '–',
      run ? `${(t.firstMsPerStep / run.msPerStep).toFixed(2)}×` : '–',
      r.sameMses ? `${r.sameMses.equal}/${r.sameMses.compared}` : '–',
      `${r.load.start.toFixed(2)}→${r.load.end.toFixed(2)}`,
    ];
  });
  const align = header.map((_, i) => (i <= 3 ? 'l' : 'r') as 'l' | 'r');
  return renderTable(header, rows, align);
}

/** CPU time per step: the worker's thread and the page's main thread against the runner's thread. */
export function cpuTable(results: readonly PresetResult[]): string {
  const header = [
    'preset', 'worker CPU ms/step', 'first N', 'last N', 'page main', 'rest of Chromium', 'runner CPU ms/step', 'worker/runner', 'first/runner',
  ];
  const rows = results.map((r) => {
    const c = r.cpu;
    const run = r.runner?.cpuMsPerStep ?? null;
    return [
      r.preset,
      c ? ms(c.workerMsPerStep) : '–',
      c ? ms(c.firstWorkerMsPerStep) : '–',
      c ? ms(c.lastWorkerMsPerStep) : '–',
      c ? ms(c.mainMsPerStep) : '–',
      c ? ms(c.otherMsPerStep) : '–',
      run !== null ? ms(run) : '–',
      c && run !== null ? `${(c.workerMsPerStep / run).toFixed(2)}×` : '–',
      c && run !== null ? `${(c.firstWorkerMsPerStep / run).toFixed(2)}×` : '–',
    ];
  });
  return renderTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r')));
}

/** One line per preset: wall (and worker CPU) ms/step of each block of steps, to see whether a run stays flat. */
export function blockLines(results: readonly PresetResult[]): string {
  return results
    .filter((r) => r.blocks.length > 1)
    .map((r) => {
      const cells = r.blocks.map((b) => `${ms(b.msPerStep)}${b.workerCpuMsPerStep === null ? '' : ` (${ms(b.workerCpuMsPerStep)})`}`);
      return `${r.preset}, per ${int((r.blocks[0]?.to ?? 0) - (r.blocks[0]?.from ?? 0))} steps: ${cells.join(', ')}`;
    })
    .join('\n');
}

/** One line per preset: the busiest Chromium threads, CPU ms per step. */
export function threadLines(results: readonly PresetResult[], top = 8): string {
  return results
    .filter((r) => r.threads.length > 0)
    .map((r) => `${r.preset}: ${r.threads.slice(0, top).map((t) => `${t.thread} ${t.msPerStep.toFixed(1)}`).join(', ')}`)
    .join('\n');
}

export const TABLE_NOTES = [
  'Play→done: wall time from the click on Play to the "done" status; ms/step = that / the run\'s steps.',
  'first N / last N: ms/step over the first and the last N steps trained (interpolated between the step counts the page saw).',
  '* extrapolated: the run was paused at the time budget; the rest is extrapolated at the last-N rate.',
  'runner: src/core/train/session.ts in Node (the headless runner\'s loop, wasm) over the link\'s first "runner N" steps.',
  'browser/runner: ms/step of the whole browser run over the runner\'s; first/runner: the browser\'s first N over it.',
  'MSE = runner: evaluations at steps both ran whose lane MSEs are bit-identical / compared.',
  'CPU: thread CPU time from /proc (10 ms ticks) per step done, which a busy machine inflates far less than wall time: the',
  '  training worker, the page\'s main thread, and every other Chromium thread (compositor, GPU and browser processes).',
  'load: 1-min load average before the browser run and after the runner (2 cores; above ~1, other jobs share them).',
].join('\n');
