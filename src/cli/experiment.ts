/**
 * The headless runner: `npm run experiment -- <preset | share-link> [--backend wasm|cpu|webgpu] [--json FILE]`.
 * Runs the app's experiments in Node with the same core, shows progress, prints the paper's tables.
 * webgpu runs on the Vulkan driver Dawn finds (src/platform/node-webgpu.ts) once it passes the self-test.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { encodeConfig } from '../core/config';
import { exactMixingSpectra, rateSummary, summariseCompare, summariseSweep } from '../core/results';
import { availableParallelism, totalmem } from 'node:os';
import { estimateRun, formatBytes, formatSeconds, refusal, remainingTime } from '../core/cost';
import { planExperiment, planGroups, planLanes, requestedWorkers, TrainingSession } from '../core/train';
import type { EvalResult, Plan, RunOutcome, TrainEvents, TrainReport } from '../core/train';
import { layoutForBackend } from '../core/models/layout';
import { selectNodeBackend } from '../platform/node-tf';
import { parseArgs } from './args';
import { runSharded } from './sharded-run';
import { duration, sci } from './format';
import { compareReport, exactReport, positionReport, singleReport, sweepReport } from './report';

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    console.error(parsed.error);
    return 2;
  }
  const { args, problems } = parsed;
  for (const p of problems) console.error(`${p.severity}: ${p.message}`);
  if (problems.some((p) => p.severity !== 'info')) {
    console.error('refusing to run a link with problems (fix the keys named above)');
    return 2;
  }
  const c = args.config;
  const link = encodeConfig(c);
  console.log(`experiment: ${args.source}\nlink: ${link}`);

  if (c.kind === 'exact') {
    const e = exactMixingSpectra(c);
    console.log(exactReport(e));
    if (args.json) writeFileSync(args.json, JSON.stringify({ link, kind: c.kind, exact: e }, null, 1));
    return 0;
  }

  // On webgpu the lanes share one device, batched into its kernels: one thread unless asked for more
  // (each thread would open its own device and repeat the self-test).
  const auto = args.backend === 'webgpu' && c.workers === 0 ? 1 : requestedWorkers(c, availableParallelism());
  const groups = planGroups(c, planLanes(c), args.workers ?? auto);
  // webgpu starts first: a missing GPU fails here with what to install, and the adapter's limits bound a tensor.
  const gpu = args.backend === 'webgpu' ? await selectNodeBackend('webgpu') : null;
  if (gpu) console.log(`webgpu: ${gpu.detail}`);
  // The cost model first otherwise, as the app shows it beside Play; a run that cannot fit is refused unless --force.
  const costOptions = { backend: args.backend, workers: groups.length, gpu: gpu?.gpu ?? null, systemBytes: args.backend === 'cpu' ? totalmem() / 2 : null };
  const est = estimateRun(c, costOptions);
  const time = remainingTime(est, c.steps);
  const perWorker = groups.length > 1 ? ` per worker thread (${groups.length})` : '';
  console.log(
    `estimate: ~${formatBytes(est.worker.peak)}${perWorker} (parameters and Adam ${formatBytes(est.worker.persistent)}, a step ${formatBytes(est.worker.step)}, an evaluation ${formatBytes(Math.max(est.worker.evaluation, est.worker.logits))}) · ` +
      `${(est.work.perStep / 1e9).toPrecision(3)} GFLOP a step × ${c.steps} steps · ${time ? `~${formatSeconds(time.seconds)} at the bench's ${args.backend} rate` : 'time unknown'}`,
  );
  const refused = refusal(c, costOptions);
  if (refused) {
    console.error(refused.message);
    if (!args.force) {
      console.error('refusing to run it (--force runs it anyway)');
      return 2;
    }
    console.error('--force: running it anyway');
  }
  if (!gpu) await selectNodeBackend(args.backend);
  // One session in this thread, or one per lane group in worker threads (the same groups as the app's).
  const session = groups.length > 1 ? null : new TrainingSession(c, layoutForBackend(args.backend));
  const plan: Plan = session?.plan ?? planExperiment(c);
  console.log(
    `backend ${tf.getBackend()} · ${plan.lanes.length} lane(s) · ${plan.targets.length} target(s) · ${c.steps} steps · batch ${c.batch} · ${groups.length} worker(s)`,
  );
  const trainLog: TrainReport[] = [];
  const evalLog: EvalResult[] = [];
  const t0 = performance.now();
  let lastPrint = 0;
  const events: TrainEvents = {
    onTrain: (r) => {
      trainLog.push(r);
      const now = performance.now();
      if (args.quiet || now - lastPrint < 5000) return;
      lastPrint = now;
      const elapsed = now - t0;
      const rate = r.step / (elapsed / 1000);
      const sorted = Array.from(r.laneLoss).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
      console.log(
        `step ${r.step}/${c.steps} (${Math.round((100 * r.step) / c.steps)}%) · ${rate.toFixed(1)} steps/s · ETA ${duration(((c.steps - r.step) / rate) * 1000)} · median train MSE ${sci(median)}`,
      );
    },
    onEval: (e) => {
      evalLog.push(e);
      if (!args.quiet) console.log(`  eval @${e.step}: MSE ${Array.from(e.mse, (v) => sci(v, 2)).join(' ')}`);
    },
  };
  const outcome: RunOutcome = session ? await session.run(c.steps, events) : (await runSharded(c, groups, args.backend, events, args.force)).outcome;
  const ms = performance.now() - t0;
  const last = evalLog.at(-1) ?? (session ? await session.evaluate() : null);
  if (!last) throw new Error('the run ended before its first evaluation');
  console.log(`\n${outcome.status} after ${outcome.step} steps in ${duration(ms)} (${(ms / Math.max(1, outcome.step)).toFixed(1)} ms/step)`);
  let summary: unknown = null;
  if (c.kind === 'sweep') {
    const s = summariseSweep(c, plan, last);
    console.log(sweepReport(s, c, rateSummary(c, plan, last)));
    summary = s;
  } else if (c.kind === 'compare') {
    const cells = summariseCompare(plan, last);
    console.log(compareReport(cells));
    console.log(`\n${positionReport(plan, last, c.tau)}`);
    summary = cells;
  } else {
    console.log(singleReport(plan, last));
    console.log(`\n${positionReport(plan, last, c.tau)}`);
  }
  if (outcome.status === 'diverged') console.error(outcome.message);
  if (args.json) {
    const lanes = plan.lanes.map((l) => ({ ...l }));
    writeFileSync(
      args.json,
      JSON.stringify(
        {
          link,
          backend: tf.getBackend(),
          workers: groups.length,
          outcome,
          seconds: ms / 1000,
          lanes,
          summary,
          eval: evalLog.map((e) => ({ step: e.step, mse: Array.from(e.mse), rel: Array.from(e.rel), byT: Array.from(e.byT) })),
          train: trainLog.map((r) => ({ step: r.step, loss: Array.from(r.laneLoss) })),
        },
        null,
        1,
      ),
    );
  }
  session?.dispose();
  return outcome.status === 'diverged' ? 3 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
