/**
 * `npm run bench:browser`: each preset's training speed in the built app (vite build + vite preview,
 * headless Debian Chromium), beside the Node runner's on the same link. Per preset: open the share
 * link, press Play, follow the step count until done (or the time budget: then pause and extrapolate),
 * report wall time, ms/step overall and over the first and last N steps, backend and worker count;
 * then time the runner over the link's first N steps. Options: bench/browser/args.ts (--help).
 */
import os from 'node:os';
import { encodeConfig, presetConfig } from '../src/core/config';
import type { BackendChoice, PresetId } from '../src/core/config';
import { parseBrowserArgs } from './browser/args';
import type { BrowserBenchArgs } from './browser/args';
import { launchChromium } from './browser/chromium';
import { openLink, playAndFollow } from './browser/page-run';
import type { PageRun } from './browser/page-run';
import { startProfiles } from './browser/profile';
import { blockLines, compareEvals, cpuTable, resultTable, TABLE_NOTES, threadLines } from './browser/report';
import type { PresetResult } from './browser/report';
import { timeRunner } from './browser/runner';
import { assetsDir, buildApp, startPreview } from './browser/serve';
import { blockTimings, cpuTimings, stepTimings } from './browser/timeline';
import type { Browser } from 'playwright-core';

const log = (line: string): void => console.error(line);
const load = (): number => os.loadavg()[0] ?? Number.NaN;

function presetLink(id: PresetId, backend: BackendChoice | null, workers: number | null): string {
  const config = presetConfig(id);
  return encodeConfig({ ...config, ...(backend === null ? {} : { backend }), ...(workers === null ? {} : { workers }) });
}

async function benchPreset(browser: Browser, baseUrl: string, preset: PresetId, args: BrowserBenchArgs): Promise<PresetResult> {
  const link = presetLink(preset, args.backend, args.workers);
  const loadStart = load();
  log(`${preset}: ${link}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let result: Omit<PresetResult, 'runner' | 'sameMses' | 'load'>;
  let evals: PageRun['evals'];
  try {
    const page = await context.newPage();
    await openLink(page, baseUrl, link);
    const profiles = args.profileDir === null ? null : await startProfiles(page, assetsDir(args.dist));
    const run = await playAndFollow(page, args.budgetMs, log);
    if (profiles && args.profileDir !== null) log(await profiles.stop(args.profileDir, preset));
    const timings = stepTimings(run.samples, run.totalSteps, run.state === 'done', run.endMs, args.window);
    log(`  browser: ${run.state}, ${timings.stepsDone} steps, ${timings.msPerStep.toFixed(1)} ms/step${timings.finished ? '' : ' (extrapolated)'}`);
    const cpu = cpuTimings(run.cpu, timings.window);
    const steps = Math.max(1, timings.stepsDone);
    const threads = run.threads.map((t) => ({ thread: t.thread, msPerStep: t.ms / steps }));
    const blocks = blockTimings(run.samples, run.cpu, args.window);
    result = { preset, link, backend: run.backend, workers: run.workers, state: run.state, message: run.message, timings, cpu, blocks, threads };
    evals = run.evals;
  } finally {
    await context.close();
  }
  let runner: PresetResult['runner'] = null;
  if (args.runnerSteps > 0) {
    const steps = Math.min(args.runnerSteps, result.timings.totalSteps);
    // The runner trains with the browser run's worker count: one session, or as many threads.
    runner = await timeRunner(link, steps, args.budgetMs, result.workers);
    log(`  runner: ${runner.steps} steps, ${runner.msPerStep.toFixed(1)} ms/step (${runner.backend})`);
  }
  return { ...result, runner, sameMses: runner ? compareEvals(evals, runner.evals) : null, load: { start: loadStart, end: load() } };
}

async function main(): Promise<number> {
  const args = parseBrowserArgs(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = load();
  if (args.build) {
    log('vite build');
    buildApp();
  }
  const preview = await startPreview(args.dist, args.isolated);
  log(`vite preview at ${preview.url}`);
  // Interrupted (Ctrl-C): stop the preview server too (Chromium ends with our pipe).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void preview.close().finally(() => process.exit(130)));
  }
  const results: PresetResult[] = [];
  const browser = await launchChromium(args.backend === 'webgpu', args.chromiumArgs);
  try {
    log(`Chromium ${browser.version()}`);
    for (const preset of args.presets) results.push(await benchPreset(browser, preview.url, preset, args));
  } finally {
    await browser.close();
    await preview.close();
  }
  const totalS = (performance.now() - started) / 1000;
  if (args.json) {
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      budgetSeconds: args.budgetMs / 1000,
      wallSeconds: totalS,
      loadAverage: { start: loadBefore, end: load() },
      results,
    };
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  console.log(`\nRankscope browser bench · Node ${process.version} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? '?'}`);
  console.log(`budget ${args.budgetMs / 1000} s per preset · 1-min load ${loadBefore.toFixed(2)} at start, ${load().toFixed(2)} at end\n`);
  console.log(resultTable(results));
  console.log(`\n${cpuTable(results)}`);
  const flat = blockLines(results);
  if (flat) console.log(`\nWall ms/step per block of steps (worker CPU ms/step):\n${flat}`);
  const busiest = threadLines(results);
  if (busiest) console.log(`\nBusiest Chromium threads, CPU ms per step (process type/thread):\n${busiest}`);
  console.log(`\n${TABLE_NOTES}`);
  for (const r of results.filter((x) => x.message)) console.log(`${r.preset}: ${r.message ?? ''}`);
  console.log(`\nbench wall time ${totalS.toFixed(0)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);
