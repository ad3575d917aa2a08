/**
 * CPU time of the browser's threads, read from Linux's /proc: the dedicated workers' threads, the
 * renderers' main threads and every other thread of the Chromium processes among this process's
 * descendants (the Chromium playwright launched). On a
 * shared machine wall time grows with the load; a thread's CPU time much less so. Elsewhere than
 * Linux every reading is null.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

export interface ThreadCpu {
  /** CPU ms of the threads named DedicatedWorker (comm is cut to 15 characters). */
  readonly workerMs: number;
  /** CPU ms of the renderers' main threads (the thread whose id is the renderer's pid). */
  readonly rendererMainMs: number;
  /** CPU ms of every thread of every Chromium process (the two above included). */
  readonly allMs: number;
  /** CPU ms per `process type/thread name` (browser/CrBrowserMain, gpu-process/VizCompositorTh, …). */
  readonly byThread: Readonly<Record<string, number>>;
}

/** pid → parent pid of every process now. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(name), Number(after[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  return map;
}

function descendants(root: number): number[] {
  const ppid = parents();
  const out: number[] = [];
  for (const pid of ppid.keys()) {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 20; p = ppid.get(p), hops++) {
      if (p === root && pid !== root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** utime + stime of one thread, ms, and its name. */
function threadTime(pid: number, tid: string): { name: string; ms: number } | null {
  try {
    const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, ms: (Number(after[11]) + Number(after[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Chromium's process type (`renderer`, `gpu-process`, …; `browser` for the main process), or null for other programs. */
function chromiumType(pid: number): string | null {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); // children rewrite theirs, space-separated
    if (!(args[0] ?? '').includes('chrom')) return null;
    const type = args.find((a) => a.startsWith('--type='));
    return type ? type.slice('--type='.length) : 'browser';
  } catch {
    return null;
  }
}

/** CPU ms of this process's main thread (the Node runner's training thread), or null without /proc. */
export function ownMainThreadMs(): number | null {
  return existsSync('/proc/self/task') ? (threadTime(process.pid, String(process.pid))?.ms ?? null) : null;
}

/** The CPU time of the browser's worker and renderer main threads, or null without /proc. */
export function browserThreadCpu(): ThreadCpu | null {
  if (!existsSync('/proc/self/task')) return null;
  let workerMs = 0;
  let rendererMainMs = 0;
  let allMs = 0;
  const byThread: Record<string, number> = {};
  for (const pid of descendants(process.pid)) {
    const type = chromiumType(pid);
    if (type === null) continue; // vite preview, not the browser
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const t = threadTime(pid, tid);
      if (!t) continue;
      const main = tid === String(pid);
      allMs += t.ms;
      const key = `${type}/${main ? 'main' : t.name}`;
      byThread[key] = (byThread[key] ?? 0) + t.ms;
      if (t.name === 'DedicatedWorker') workerMs += t.ms;
      else if (type === 'renderer' && main) rendererMainMs += t.ms;
    }
  }
  return { workerMs, rendererMainMs, allMs, byThread };
}
