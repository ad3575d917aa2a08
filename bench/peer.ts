/**
 * The optional PyTorch peer (--peer): bench/peer/torch_ref.py, the Fig. 5 model of docs/model.md in
 * plain PyTorch (install line in its docstring and in the README). Nothing here runs unless asked, and
 * a missing python3, torch or script is a skip with a reason, never a failure: the bench does not
 * depend on Python.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PEER_MH = 4;
export const PEER_STEPS = 200;
/**
 * Thread counts of the peer runs: 2 (the machine's cores, the reference figure) and 1, the fair match
 * for tfjs's single-threaded wasm and cpu backends. On a busy 2-core machine the 2-thread run can be
 * tens of times slower than the 1-thread one (its threads wait for each other), so both are shown.
 */
export const PEER_THREADS = [2, 1] as const;

export interface PeerRun {
  readonly threads: number;
  readonly command: string;
  /** Mean wall time of the timed steps, ms. */
  readonly msPerStep: number;
  /** Median wall time of the timed steps, ms. */
  readonly msMedian: number;
  readonly evalMse: number | null;
}

export type PeerResult =
  | { readonly status: 'ran'; readonly runs: readonly PeerRun[] }
  | { readonly status: 'skipped'; readonly reason: string };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const peerScript = resolve(repoRoot, 'bench/peer/torch_ref.py');

interface PeerLine {
  readonly ms_per_step: number;
  readonly ms_median: number;
  readonly eval_mse?: number;
}

function isPeerLine(v: unknown): v is PeerLine {
  return typeof v === 'object' && v !== null && 'ms_per_step' in v && typeof v.ms_per_step === 'number' && 'ms_median' in v && typeof v.ms_median === 'number';
}

/** The last JSON line of the peer's output that carries ms_per_step and ms_median. */
function parsePeer(stdout: string): PeerLine | null {
  let found: PeerLine | null = null;
  for (const line of stdout.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const v: unknown = JSON.parse(t);
      if (isPeerLine(v)) found = v;
    } catch {
      // not a result line
    }
  }
  return found;
}

function runOnce(threads: number): PeerRun | string {
  const args = [peerScript, '--mh', String(PEER_MH), '--steps', String(PEER_STEPS), '--threads', String(threads)];
  const command = `python3 ${args.join(' ')}`;
  const run = spawnSync('python3', args, { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
  if (run.error || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`;
    return `${command} failed: ${why}`;
  }
  const line = parsePeer(run.stdout);
  if (!line) return `${command} printed no ms_per_step line`;
  return { threads, command, msPerStep: line.ms_per_step, msMedian: line.ms_median, evalMse: line.eval_mse ?? null };
}

export function runPeer(): PeerResult {
  const probe = spawnSync('python3', ['-c', 'import torch'], { encoding: 'utf8', timeout: 120_000 });
  if (probe.error) return { status: 'skipped', reason: `python3 not runnable (${probe.error.message})` };
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').pop() ?? '';
    return { status: 'skipped', reason: `python3 -c 'import torch' failed: ${last} (install a CPU build of PyTorch: README, Benchmarks)` };
  }
  if (!existsSync(peerScript)) return { status: 'skipped', reason: `peer script not found at ${peerScript}` };
  const runs: PeerRun[] = [];
  for (const threads of PEER_THREADS) {
    const r = runOnce(threads);
    if (typeof r === 'string') return { status: 'skipped', reason: r };
    runs.push(r);
  }
  return { status: 'ran', runs };
}
