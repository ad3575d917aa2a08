/** Plain-text tables of the bench figures. */
import type { CaseResult } from './measure';

type Align = 'l' | 'r';

export function renderTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly Align[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number): string =>
    align[i] === 'l' ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0);
  const line = (r: readonly string[]): string => r.map((t, i) => cell(t, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** [1024,128], or 16×[1024,128] for a list of equal shapes. */
export function shapes(list: ReadonlyArray<readonly number[] | null>): string {
  const text = list.map((s) => (s === null ? 'null' : `[${s.join(',')}]`));
  const first = text[0];
  if (first !== undefined && text.length > 2 && text.every((t) => t === first)) return `${text.length}×${first}`;
  return text.join(' ');
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

export function tensorsFlat(r: CaseResult): boolean {
  return r.tensorsBefore === r.tensorsAfter && r.tensorsNewInProfiledStep === 0 && r.tensorsLeftAfterDispose === 0;
}

export function mainTable(results: readonly CaseResult[]): string {
  const header = [
    'backend', 'case', 'lanes', 'steps', 'ms/step', 'mean', 'min', 'cpu ms', 'cpu min', 'ms/lane',
    'kernels', 'GFLOP/step', 'GFLOP/s', 'tensors before→after', 'flat',
  ];
  const rows = results.map((r) => [
    r.backend,
    r.label,
    String(r.lanes),
    String(r.timedSteps),
    fmt(r.msPerStep),
    fmt(r.msPerStepMean),
    fmt(r.msPerStepMin),
    fmt(r.cpuMsPerStep),
    fmt(r.cpuMsPerStepMin),
    fmt(r.msPerLane),
    String(r.kernelsPerStep),
    fmt(r.flops.total / 1e9, 3),
    fmt(r.gflops, 2),
    `${r.tensorsBefore}→${r.tensorsAfter}`,
    tensorsFlat(r) ? 'yes' : 'NO',
  ]);
  return renderTable(header, rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}

/** Per case: where the profiled step's kernel time goes. */
export function kernelTable(r: CaseResult): string {
  const rows = r.topKernels.map((k) => [k.name, String(k.count), fmt(k.ms, 2), `${fmt((100 * k.ms) / r.kernelMs, 0)}%`]);
  const head = `${r.backend} · ${r.label}: profiled step ${fmt(r.profiledStepMs)} ms, kernels ${fmt(r.kernelMs)} ms in ${r.kernelsPerStep} calls, peak ${fmt(r.peakMB)} MB`;
  const slow = r.slowestCalls
    .map((k) => `    ${fmt(k.ms, 2).padStart(7)} ms  ${k.name} ${shapes(k.inputShapes)} → ${shapes(k.outputShapes)}`)
    .join('\n');
  return `${head}\n${renderTable(['kernel', 'calls', 'ms', 'share'], rows, ['l', 'r', 'r', 'r'])}\n  slowest calls:\n${slow}`;
}
