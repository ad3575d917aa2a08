/**
 * `npm run bench`: ms per training step of the Fig. 5 model (n 32, m_v 32, MLPs 3×128, τ 16, batch 64,
 * coupling target) on the wasm and cpu backends in Node (and webgpu through Dawn when asked), alone (m_h 4) and as a 16-lane sweep
 * (m_h 1..16), and the table2 preset's three Transformer lanes (batch 16, τ 32), with kernels per step (tf.profile), achieved matmul GFLOP/s (bench/flops.ts) and
 * tensor counts around the timed window (they must not move). Options: bench/args.ts (--help).
 * Timing: a warm-up, then run(step + 1) per timed step, each timed, median reported; logEvery and
 * evalEvery are beyond the run, so no loss read or evaluation falls inside the window, and a fence
 * read closes it (on webgpu, which only queues kernels, one closes every timed step). Then
 * (bench/rnn-lane.ts) one linear RNN lane at the table2 preset's shape, its forward + backward by the
 * recurrence and by the convolution form; and (bench/workers.ts) the sweep run on 1 and 2 worker
 * threads, per lane against the single model; and (bench/products.ts) one dense layer's kernels alone,
 * beside 1-thread PyTorch's. `--cases` picks the groups.
 * Exit status 1 if a tensor count moves.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { encodeConfig } from '../src/core/config/codec';
import { presetConfig } from '../src/core/config/presets';
import { selectNodeBackend } from '../src/platform/node-tf';
import { BackendUnavailable } from '../src/platform/node-webgpu';
import { parseArgs } from './args';
import { measureCase } from './measure';
import type { BenchCase, CaseResult, TimingPlan } from './measure';
import { PEER_MH, runPeer } from './peer';
import type { PeerResult } from './peer';
import { measureRnnLane, rnnLaneTable } from './rnn-lane';
import type { RnnLaneResult } from './rnn-lane';
import { renderTable, kernelTable, mainTable, tensorsFlat } from './table';
import { measureProducts, peerProducts } from './products';
import type { ProductTiming } from './products';
import { measureWorkers, workersTable } from './workers';
import type { WorkersResult } from './workers';

/** No loss read or evaluation inside the run (both need steps ≥ their period); constant lr as the peer. */
const TIMING_KEYS = 'steps=1000000&logev=1000000&evalev=1000000&sched=constant';
const HEADS = Array.from({ length: 16 }, (_, i) => i + 1);
/** The sweep as a run on worker threads: this many timed steps (a 16-lane step takes ~0.1–0.2 s here). */
const WORKER_STEPS = 150;
const WORKER_COUNTS = [1, 2] as const;

const CASES: readonly BenchCase[] = [
  { label: 'single m_h 4', link: `kind=single&mh=${PEER_MH}&${TIMING_KEYS}` },
  { label: 'sweep m_h 1..16', link: `kind=sweep&mhs=${HEADS.join(',')}&${TIMING_KEYS}` },
];

/**
 * The table2 preset's Transformer lanes (batch 16, τ 32, learned position embedding, m_h 16; one per
 * target), trained as a worker group's session: small products, so kernel dispatch weighs more.
 */
const TABLE2_CASE: BenchCase = {
  label: 'table2 Transformer lanes',
  link: encodeConfig({ ...presetConfig('table2'), steps: 1_000_000, logEvery: 1_000_000, evalEvery: 1_000_000 }),
  model: 'transformer',
};

const log = (line: string): void => console.error(line);

/** The Fig. 5 session cases: the main table, the FLOP cross-check and where the time goes. */
function printTransformer(results: readonly CaseResult[]): void {
  console.log('Fig. 5 model: n 32, m_v 32, MLPs 3×128, τ 16, batch 64, coupling target, Adam, split layout (batched on webgpu);');
  console.log('table2: the preset\'s 3 Transformer lanes (n 32, m_h 16, MLPs 3×128, τ 32, batch 16, learned positions).');
  console.log('ms/step = median of the timed steps; mean includes the closing fence read; cpu ms = median CPU time of this');
  console.log('process per step (steadier than wall time on a shared machine); GFLOP/s = matmul FLOPs (bench/flops.ts) / median.\n');
  console.log(mainTable(results));

  const mismatched = results.filter((r) => Math.abs(r.profiledMatmulFlops - r.flops.total) > 1e-6 * r.flops.total);
  console.log(
    mismatched.length === 0
      ? '\nmatmul FLOPs: the analytic count equals the count read from the profiled kernels\' shapes in every case.'
      : `\nmatmul FLOPs differ from the profiled kernels in: ${mismatched.map((r) => `${r.backend} ${r.label} (analytic ${r.flops.total}, profiled ${r.profiledMatmulFlops})`).join('; ')}`,
  );

  const backends = [...new Set(results.map((r) => r.backend))];
  const sweepVsSingle = backends.map((b) => {
    const single = results.find((r) => r.backend === b && r.label === CASES[0]?.label);
    const sweep = results.find((r) => r.backend === b && r.label === CASES[1]?.label);
    return single && sweep ? `${b}: one sweep lane costs ${(sweep.msPerLane / single.msPerStep).toFixed(2)}× a single model's step` : null;
  });
  console.log(sweepVsSingle.filter((s) => s !== null).join('\n'));

  console.log('\nWhere the time goes (one profiled step per case; kernel wall times, synchronous backends):\n');
  for (const r of results) console.log(`${kernelTable(r)}\n`);
}

/** One dense layer's kernels beside the peer's, and what their rate means for a whole step. */
function printProducts(ours: readonly ProductTiming[], peer: readonly ProductTiming[] | string, results: readonly CaseResult[], stepPeer: PeerResult | null): void {
  if (ours.length === 0) {
    console.log('\nproducts: not measured (needs --backends wasm).');
    return;
  }
  console.log('\nOne 128-wide dense layer of the Fig. 5 model alone (x [1024, 128], W [128, 128]): forward relu(x·W + b) and backward');
  console.log('(dz, dW = xᵀ·dz, db, dX = dz·Wᵀ), ms per call (median and least of 15 rounds of 50 calls), GFLOP/s at the least time.\n');
  const theirs = typeof peer === 'string' ? [] : peer;
  const header = ['call', 'tfjs wasm ms', 'GFLOP/s', 'torch 1T ms', 'GFLOP/s', 'tfjs / torch (least)'];
  const rows = ours.map((o) => {
    const t = theirs.find((p) => p.name === o.name);
    return [
      o.name, `${o.msMedian.toFixed(3)} / ${o.msMin.toFixed(3)}`, o.gflops.toFixed(1),
      t ? `${t.msMedian.toFixed(3)} / ${t.msMin.toFixed(3)}` : '–', t ? t.gflops.toFixed(1) : '–', t ? `${(o.msMin / t.msMin).toFixed(2)}×` : '–',
    ];
  });
  console.log(renderTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r'))));
  if (typeof peer === 'string') console.log(`torch products: ${peer}`);
  const single = results.find((r) => r.backend === 'wasm' && r.label === CASES[0]?.label);
  const rate = Math.max(...ours.map((o) => o.gflops));
  if (single) {
    const floor = single.flops.total / (rate * 1e6);
    const peer1 = stepPeer?.status === 'ran' ? stepPeer.runs.find((r) => r.threads === 1) : undefined;
    console.log(
      `At ${rate.toFixed(1)} GFLOP/s the single model's ${(single.flops.total / 1e9).toFixed(3)} GFLOP of products take ${floor.toFixed(2)} ms of its ` +
        `${single.msPerStep.toFixed(2)} ms median step${peer1 ? `; the 1-thread peer's whole step takes ${peer1.msMedian.toFixed(2)} ms (median)` : ''}.`,
    );
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const plan: TimingPlan = { budgetMs: args.budgetMs, minSteps: 5, maxSteps: 100, minWarmup: 2, minWarmupMs: 1500, maxWarmup: 20 };
  const started = performance.now();
  const loadBefore = os.loadavg()[0] ?? Number.NaN;
  const results: CaseResult[] = [];
  const rnnResults: RnnLaneResult[] = [];
  const workerResults: WorkersResult[] = [];
  let products: ProductTiming[] = [];
  for (const backend of args.backends) {
    const selected = await selectNodeBackend(backend);
    log(`backend ${backend}${backend === 'webgpu' ? `: ${selected.detail}` : ''}`);
    if (args.cases.includes('transformer')) for (const c of CASES) results.push(await measureCase(c, plan, log));
    if (args.cases.includes('table2')) results.push(await measureCase(TABLE2_CASE, plan, log));
    if (args.cases.includes('rnn')) rnnResults.push(...(await measureRnnLane(plan, args.budgetMs, log)));
    if (args.cases.includes('products') && backend === 'wasm') products = measureProducts();
  }
  // After the in-process cases: the threads load their own tfjs, one per worker.
  if (args.cases.includes('workers')) {
    for (const backend of args.backends) {
      for (const n of WORKER_COUNTS) workerResults.push(await measureWorkers(CASES[1]?.label ?? 'sweep', CASES[1]?.link ?? '', backend, n, WORKER_STEPS, log));
    }
  }

  let peer: PeerResult | null = null;
  let peerProductTimes: ProductTiming[] | string = 'not run (pass --peer)';
  if (args.peer) {
    log(`peer: PyTorch, m_h ${PEER_MH}`);
    peer = runPeer();
    if (products.length > 0) peerProductTimes = peer.status === 'ran' ? peerProducts() : peer.reason;
  }

  const loadAfter = os.loadavg()[0] ?? Number.NaN;
  const cpu = os.cpus()[0]?.model ?? '?';
  console.log(`\nRankscope train-step bench · Node ${process.version} · ${os.cpus().length} cores · ${cpu}`);
  console.log(`1-min load average ${loadBefore.toFixed(2)} at start, ${loadAfter.toFixed(2)} at end (above ~0.5, other processes share the cores and the times are inflated).`);
  if (results.length > 0) printTransformer(results);
  if (rnnResults.length > 0) {
    console.log('\nOne linear RNN lane at the table2 preset\'s shape (split layout; batched on webgpu): forward + backward of the MSE (no Adam), and the');
    console.log('forward alone; median ms of the timed calls. Recurrence: τ steps; convolution: src/core/models/rnn-conv.ts.\n');
    console.log(`${rnnLaneTable(rnnResults)}\n`);
  }

  if (workerResults.length > 0) {
    console.log('The 16-lane sweep as a run (the runner\'s --workers N: lane groups on worker threads, one evaluation at the end,');
    console.log(`losses every 10 steps): wall time over ${WORKER_STEPS} steps after a warm-up, per step and per lane; the last column divides`);
    console.log('a lane\'s share by the single model\'s median step of this sitting (needs --cases transformer too).\n');
    const single = (b: string): number | null => results.find((r) => r.backend === b && r.label === CASES[0]?.label)?.msPerStep ?? null;
    console.log(`${workersTable(workerResults, single)}\n`);
  }

  if (args.cases.includes('products')) printProducts(products, peerProductTimes, results, peer);

  if (peer === null) {
    console.log('PyTorch peer: not run (pass --peer).');
  } else if (peer.status === 'skipped') {
    console.log(`PyTorch peer: skipped: ${peer.reason}`);
  } else {
    for (const run of peer.runs) {
      console.log(`PyTorch peer: ${run.command}: ${run.msPerStep.toFixed(2)} ms/step, eval MSE ${run.evalMse?.toExponential(3) ?? '?'}`);
    }
    // Like with like: tfjs's median step against the peer's median, tfjs's mean against its mean.
    console.log('The single model (m_h 4) against the peer: medians against medians, means against means.');
    const header = [
      'backend', 'tfjs median', 'tfjs mean',
      ...peer.runs.flatMap((r) => [`/ torch ${r.threads}T median (${r.msMedian.toFixed(2)} ms)`, `/ torch ${r.threads}T mean (${r.msPerStep.toFixed(2)} ms)`]),
    ];
    const rows = results
      .filter((r) => r.label === CASES[0]?.label)
      .map((r) => [
        r.backend, r.msPerStep.toFixed(2), r.msPerStepMean.toFixed(2),
        ...peer.runs.flatMap((p) => [`${(r.msPerStep / p.msMedian).toFixed(2)}×`, `${(r.msPerStepMean / p.msPerStep).toFixed(2)}×`]),
      ]);
    console.log(renderTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r'))));
  }
  const totalS = (performance.now() - started) / 1000;
  console.log(`\nbench wall time ${totalS.toFixed(0)} s`);

  if (args.json) {
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      wallSeconds: totalS,
      loadAverage: { start: loadBefore, end: loadAfter },
      plan,
      results,
      rnnResults,
      workerResults,
      products,
      peerProducts: peerProductTimes,
      peer,
    };
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${args.json}`);
  }

  const leaky = [
    ...results.filter((r) => !tensorsFlat(r)).map((r) => `${r.backend} ${r.label}`),
    ...rnnResults.filter((r) => r.tensorsBefore !== r.tensorsAfter).map((r) => `${r.backend} RNN lane ${r.form}`),
  ];
  if (leaky.length > 0) {
    console.log(`TENSOR COUNT MOVED in: ${leaky.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // A backend that cannot run here says what to install; anything else is a bug: its stack.
    console.error(e instanceof BackendUnavailable ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);
