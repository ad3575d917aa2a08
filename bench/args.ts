/** Command-line options of `npm run bench` (bench/train-step.ts). */
import { isNodeBackend } from '../src/platform/node-tf';
import type { NodeBackend } from '../src/platform/node-tf';

export interface BenchArgs {
  /** Backends to measure, in order. */
  readonly backends: readonly NodeBackend[];
  /** Also run the PyTorch peer (needs `python3 -c 'import torch'`). */
  readonly peer: boolean;
  /** Write the figures as JSON here. */
  readonly json: string | null;
  /** Wall-clock budget of the timed window of one case, in ms (the step count adapts to it). */
  readonly budgetMs: number;
  /** Which groups of cases to run. */
  readonly cases: readonly BenchCaseGroup[];
}

/**
 * 'transformer': the Fig. 5 session steps; 'table2': the table2 preset's Transformer lanes; 'rnn': one
 * RNN lane, recurrence vs convolution; 'workers': the 16-lane sweep run by 1 and by 2 worker threads;
 * 'products': one dense layer's forward and backward kernels alone (wasm), beside PyTorch's with --peer.
 */
export type BenchCaseGroup = 'transformer' | 'table2' | 'rnn' | 'workers' | 'products';
const CASE_GROUPS: readonly BenchCaseGroup[] = ['transformer', 'table2', 'rnn', 'workers', 'products'];

export const USAGE = `usage: npm run bench -- [--peer] [--json FILE] [--backends wasm,cpu] [--budget SECONDS] [--cases transformer,rnn]
  --peer            also run the PyTorch peer (bench/peer/torch_ref.py) if torch imports
  --json FILE       write the figures as JSON to FILE
  --backends LIST   comma list of wasm, cpu, webgpu (default wasm,cpu; webgpu: Dawn on the Vulkan driver
                    it finds, after the self-test against cpu; docs/studies.md §7)
  --budget SECONDS  timed window per case (default 20; steps = budget / warm-up step time, 5..100)
  --cases LIST      comma list of transformer (Fig. 5 session steps), table2 (the table2 preset's
                    three Transformer lanes), rnn (one table2 RNN lane, recurrence vs convolution
                    form), workers (the 16-lane sweep as a run on 1 and on 2 worker threads,
                    per lane against the single model), products (one 128-wide dense layer's
                    forward and backward kernels alone, wasm; with --peer beside 1-thread
                    PyTorch's); default all five
A like-for-like sitting with the 1-thread peer: pin both to one core, e.g.
  taskset -c 0 npm run bench -- --peer --backends wasm --cases transformer,products
(the peer inherits the affinity; on a VM the cores can differ in speed by a third).`;

function isCaseGroup(s: string): s is BenchCaseGroup {
  return (CASE_GROUPS as readonly string[]).includes(s);
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let backends: NodeBackend[] = ['wasm', 'cpu'];
  let peer = false;
  let json: string | null = null;
  let budgetMs = 20_000;
  let cases: BenchCaseGroup[] = [...CASE_GROUPS];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--peer') peer = true;
    else if (a === '--json') json = value();
    else if (a === '--backends') {
      const list = value().split(',').map((s) => s.trim());
      const bad = list.filter((s) => !isNodeBackend(s));
      if (bad.length > 0 || list.length === 0) throw new Error(`unknown backend(s) ${bad.join(', ')}\n${USAGE}`);
      backends = list.filter(isNodeBackend);
    } else if (a === '--budget') {
      const s = Number(value());
      if (!Number.isFinite(s) || s <= 0) throw new Error(`--budget needs a positive number of seconds\n${USAGE}`);
      budgetMs = s * 1000;
    } else if (a === '--cases') {
      const list = value().split(',').map((s) => s.trim());
      const bad = list.filter((s) => !isCaseGroup(s));
      if (bad.length > 0 || list.length === 0) throw new Error(`unknown case group(s) ${bad.join(', ')}\n${USAGE}`);
      cases = list.filter(isCaseGroup);
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return { backends, peer, json, budgetMs, cases };
}
