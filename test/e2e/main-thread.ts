/**
 * How long the page's main thread is busy per task, in the page's own CPU time.
 *
 * The rule the e2e tests hold the app to is "no main-thread task over 50 ms while training". A
 * task's wall time also counts the time the OS gave the core to other processes, so on a busy shared
 * machine a 15 ms message handler can last 60 ms. The tests therefore read each task's thread CPU
 * time from a Chromium trace (`RunTask` events on the renderer's main thread: `tdur`, the thread
 * clock), which is the page's own work whatever else runs. The long-animation-frame entries are still
 * recorded, to name the scripts of a long frame when a test fails.
 */
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  /** Wall duration, µs. */
  readonly dur?: number;
  /** Thread (CPU) duration, µs. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Tasks shorter than this (CPU ms) are left out of the lists (they cannot break the 50 ms rule). */
const LISTED_MS = 20;

/** Main-thread tasks of a trace: CPU ms (and wall ms) of each task of at least LISTED_MS CPU. */
function mainThreadTasks(events: readonly TraceEvent[]): { cpuMs: number; wallMs: number }[] {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ cpuMs: (e.tdur ?? e.dur ?? 0) / 1000, wallMs: (e.dur ?? 0) / 1000 }))
    .filter((t) => t.cpuMs >= LISTED_MS);
}

interface Trace {
  readonly session: CDPSession;
  readonly events: TraceEvent[];
}

/** One trace per page, through the page's own DevTools session (it ends with the page). */
const traces = new WeakMap<Page, Trace>();

async function startTrace(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as TraceEvent[])));
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  traces.set(page, { session, events });
}

async function stopTrace(page: Page): Promise<TraceEvent[]> {
  const t = traces.get(page);
  if (!t) throw new Error('watchLongTasks was not called on this page');
  traces.delete(page);
  const complete = new Promise<void>((done) => t.session.once('Tracing.tracingComplete', () => done()));
  await t.session.send('Tracing.end');
  await complete;
  await t.session.detach();
  return t.events;
}

/**
 * Record the main thread's tasks from now on (CPU time, from a trace) and the scripts of long
 * animation frames (printed when a test fails). Read them with `takeLongTasks`.
 */
export async function watchLongTasks(page: Page): Promise<void> {
  // plotly is loaded on demand by the first zoomable view: evaluating its megabyte of script is one
  // long task at the page's start, not a cost of training. Watch once it has arrived (if asked for).
  await page.waitForFunction(() => (window as unknown as { __rankscope?: { plotly(): string } }).__rankscope?.plotly() !== 'loading', null, { timeout: 60_000 });
  await page.evaluate(() => {
    const w = window as unknown as { __frames: string[] };
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const f = e as PerformanceEntry & { scripts?: { invoker: string; sourceFunctionName: string; duration: number }[] };
        if (f.duration > 50) w.__frames.push(`${Math.round(f.duration)} ms: ${(f.scripts ?? []).map((x) => `${x.invoker} ${x.sourceFunctionName} ${Math.round(x.duration)} ms`).join('; ')}`);
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  });
  await startTrace(page);
}

/**
 * The main thread's tasks of at least 20 ms CPU since `watchLongTasks` or the last take (their CPU
 * ms in `longTasks`; `frames` lists those tasks' wall times and the long animation frames' scripts);
 * recording goes on.
 */
export async function takeLongTasks(page: Page): Promise<{ longTasks: number[]; frames: string[] }> {
  const tasks = mainThreadTasks(await stopTrace(page));
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: string[] };
    return w.__frames.splice(0);
  });
  await startTrace(page);
  return {
    longTasks: tasks.map((t) => Math.round(t.cpuMs)),
    frames: [...tasks.map((t) => `task: ${Math.round(t.cpuMs)} ms CPU in ${Math.round(t.wallMs)} ms wall`), ...frames],
  };
}
