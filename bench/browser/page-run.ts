/**
 * One experiment in the app: open its share link, press Play, follow the step count until the run is
 * done (or the budget runs out: then pause it), and read what the page knows about it.
 */
import type { Page } from 'playwright-core';
import { browserThreadCpu } from './thread-cpu';
import type { CpuSample, Sample } from './timeline';

export interface PageRun {
  /** Progress samples, ms since Play was pressed. */
  readonly samples: readonly Sample[];
  readonly totalSteps: number;
  /** The run store's final state: 'done', 'paused' (budget), 'diverged', 'error'. */
  readonly state: string;
  readonly message: string | null;
  /** Play → the 'done' status (or → the last sample when the budget stopped it), ms. */
  readonly endMs: number;
  readonly backend: string | null;
  /** Dedicated workers of the page, counted through the DevTools protocol. */
  readonly workers: number;
  /** Browser threads' CPU ms since Play, read with the step count about once a second (empty without /proc). */
  readonly cpu: readonly CpuSample[];
  /** CPU ms per `process type/thread` from Play to the end, the busiest first (empty without /proc). */
  readonly threads: readonly { readonly thread: string; readonly ms: number }[];
  /** The evaluations the page received: step and each lane's MSE. */
  readonly evals: readonly { readonly step: number; readonly mse: readonly number[] }[];
}

interface ProbeSample {
  readonly t: number;
  readonly step: number;
  readonly state: string;
}

interface Probe {
  t0: number | null;
  readonly samples: ProbeSample[];
}

type ProbeWindow = Window & { __benchProbe?: Probe };

const POLL_MS = 1000;
const FINAL = new Set(['done', 'diverged', 'error']);

// The functions below run in the page (page.evaluate serialises them): no named inner functions or
// const arrows in them, which tsx's keepNames would wrap in a __name helper the page does not have.

/** Record (time, step, state) at every change of the run store, and the time of the click on Play. */
function installProbe(): void {
  const w = window as ProbeWindow;
  const app = w.__rankscope;
  if (!app) throw new Error('the page has no __rankscope hook');
  const probe: Probe = { t0: null, samples: [] };
  w.__benchProbe = probe;
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target;
      if (probe.t0 === null && target instanceof Element && target.closest('[data-testid="play"]')) probe.t0 = performance.now();
    },
    true,
  );
  app.run.subscribe((s, prev) => {
    if (s.step !== prev.step || s.state !== prev.state) probe.samples.push({ t: performance.now(), step: s.step, state: s.state });
  });
}

function readProbe(): { t0: number | null; samples: ProbeSample[] } {
  const probe = (window as ProbeWindow).__benchProbe;
  if (!probe) throw new Error('no probe installed');
  return { t0: probe.t0, samples: [...probe.samples] };
}

function runStatus(): { state: string; step: number; totalSteps: number; message: string | null } {
  const s = (window as ProbeWindow).__rankscope?.run.getState();
  if (!s) throw new Error('the page has no __rankscope hook');
  return { state: s.state, step: s.step, totalSteps: s.totalSteps, message: s.message };
}

function runFacts(): { backend: string | null; evals: { step: number; mse: number[] }[] } {
  const s = (window as ProbeWindow).__rankscope?.run.getState();
  if (!s) throw new Error('the page has no __rankscope hook');
  const chosen = s.backend?.chosen ?? null;
  // The wasm attempt names its build ("initialised (SIMD, one thread)"): threaded only when isolated.
  const reason = s.backend?.attempts.find((a) => a.name === chosen && a.ok)?.reason ?? '';
  const build = chosen === 'wasm' ? /\(([^)]*)\)$/.exec(reason)?.[1] : undefined;
  return {
    backend: chosen === null ? null : build ? `${chosen} (${build})` : chosen,
    evals: s.metrics.evals.map((e) => ({ step: e.step, mse: Array.from(e.mse) })),
  };
}

export async function openLink(page: Page, baseUrl: string, link: string): Promise<void> {
  await page.goto(`${baseUrl}/?${link}`);
  await page.waitForFunction(() => (window as ProbeWindow).__rankscope?.run.getState().state === 'ready', null, { timeout: 120_000 });
}

/** Press Play on an opened link and follow the run until it ends or `budgetMs` has passed since Play. */
export async function playAndFollow(page: Page, budgetMs: number, log: (line: string) => void): Promise<PageRun> {
  await page.evaluate(installProbe);
  const cpu0 = browserThreadCpu();
  const cpu: CpuSample[] = [];
  const readCpu = (step: number): void => {
    const now = browserThreadCpu();
    if (now && cpu0) {
      cpu.push({ step, workerMs: now.workerMs - cpu0.workerMs, mainMs: now.rendererMainMs - cpu0.rendererMainMs, allMs: now.allMs - cpu0.allMs });
    }
  };
  await page.getByTestId('play').click();
  const started = performance.now();
  let status = await page.evaluate(runStatus);
  readCpu(status.step);
  let lastLog = started;
  while (!FINAL.has(status.state)) {
    if (performance.now() - started > budgetMs) {
      await page.getByTestId('pause').click();
      await page.waitForFunction(() => (window as ProbeWindow).__rankscope?.run.getState().state !== 'running', null, { timeout: 60_000 });
      status = await page.evaluate(runStatus);
      break;
    }
    await page.waitForTimeout(POLL_MS);
    status = await page.evaluate(runStatus);
    if (status.state === 'running' || status.state === 'done') readCpu(status.step);
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`    step ${status.step}/${status.totalSteps} after ${((lastLog - started) / 1000).toFixed(0)} s`);
    }
  }
  const cpuEnd = browserThreadCpu();
  const threads = cpu0 && cpuEnd
    ? Object.entries(cpuEnd.byThread)
        .map(([thread, ms]) => ({ thread, ms: ms - (cpu0.byThread[thread] ?? 0) }))
        .filter((t) => t.ms > 0)
        .sort((a, b) => b.ms - a.ms)
    : [];
  const probe = await page.evaluate(readProbe);
  const facts = await page.evaluate(runFacts);
  const t0 = probe.t0 ?? probe.samples[0]?.t ?? 0;
  const samples = probe.samples.filter((s) => s.state === 'running' || s.state === 'done').map((s) => ({ t: s.t - t0, step: s.step }));
  const doneAt = probe.samples.find((s) => s.state === 'done');
  const last = samples.at(-1);
  return {
    samples,
    totalSteps: status.totalSteps,
    state: status.state,
    message: status.message,
    endMs: doneAt ? doneAt.t - t0 : (last?.t ?? 0),
    backend: facts.backend,
    workers: page.workers().length,
    cpu,
    threads,
    evals: facts.evals,
  };
}
