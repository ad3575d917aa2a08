/** Self and inclusive time per function of a DevTools CPU profile (Profiler.Profile). */
import { renderTable } from '../table';

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** µs */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  /** µs between consecutive samples. */
  readonly timeDeltas?: readonly number[];
}

/** A name for a frame: its function and where it is (a resolver can map bundles to sources). */
export type FrameNamer = (frame: CallFrame) => string;

export interface FunctionTime {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface ProfileSummary {
  readonly durationMs: number;
  /** (idle): the thread had nothing to run. */
  readonly idleMs: number;
  readonly functions: readonly FunctionTime[];
}

export const plainName: FrameNamer = (f) => {
  const file = f.url.split('/').pop() ?? '';
  return file ? `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}` : f.functionName;
};

/** Per function (by name), self time and inclusive time (each sample counted once per function on its stack). */
export function profileTimes(profile: CpuProfile, name: FrameNamer = plainName): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = new Map(profile.nodes.map((n) => [n.id, name(n.callFrame)]));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let idleUs = 0;
  for (let i = 0; i < samples.length; i++) {
    // A sample lasts until the next one; the last one until the profile's end.
    const next = deltas[i + 1];
    const us = next ?? 0;
    const id = samples[i] as number;
    const key = names.get(id) ?? '?';
    if (byId.get(id)?.callFrame.functionName === '(idle)') idleUs += us;
    self.set(key, (self.get(key) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = names.get(at) ?? '?';
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const functions = [...total.entries()].map(([n, t]) => ({ name: n, selfMs: (self.get(n) ?? 0) / 1000, totalMs: t / 1000 }));
  return { durationMs: (profile.endTime - profile.startTime) / 1000, idleMs: idleUs / 1000, functions };
}

/** Top functions by self time and by inclusive time, as text. */
export function summariseProfile(profile: CpuProfile, top: number, name: FrameNamer = plainName): string {
  const s = profileTimes(profile, name);
  const pct = (ms: number): string => `${((100 * ms) / s.durationMs).toFixed(1)}%`;
  const rows = (key: 'selfMs' | 'totalMs'): string[][] =>
    [...s.functions]
      .filter((f) => f.name !== '(root)' && f.name !== '(idle)')
      .sort((a, b) => b[key] - a[key])
      .slice(0, top)
      .map((f) => [f.name, f.selfMs.toFixed(0), pct(f.selfMs), f.totalMs.toFixed(0), pct(f.totalMs)]);
  const header = ['function', 'self ms', 'self', 'total ms', 'total'];
  const align: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r'];
  return [
    `  ${s.durationMs.toFixed(0)} ms profiled, idle ${s.idleMs.toFixed(0)} ms (${pct(s.idleMs)})`,
    'by self time:',
    renderTable(header, rows('selfMs'), align),
    'by inclusive time:',
    renderTable(header, rows('totalMs'), align),
  ].join('\n');
}
