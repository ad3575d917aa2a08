/**
 * CPU profiles of a browser run through the DevTools protocol: the page (main thread) through a page
 * session, the training worker through a browser session attached to the worker's target (the
 * non-flat Target.sendMessageToTarget channel; playwright opens sessions on pages and frames only).
 * Profiles are written as .cpuprofile files (open them in Chrome DevTools' Performance panel) and
 * summarised by self time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { summariseProfile } from './cpu-profile';
import type { CpuProfile } from './cpu-profile';
import { sourceNamer } from './source-names';

/** Sampling interval, µs. */
const INTERVAL_US = 500;

interface Remote {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
}

interface Profiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
}

/** A protocol channel to a worker target through the browser session. */
async function attachToWorker(browserSession: CDPSession): Promise<Remote> {
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('training.worker'));
  if (!worker) throw new Error(`no training worker target (targets: ${targetInfos.map((t) => `${t.type} ${t.url}`).join(', ')})`);
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  browserSession.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(msg.error.message));
    else w.resolve(msg.result);
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      const reply = new Promise<unknown>((resolve, reject) => waiting.set(id, { resolve, reject }));
      void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return reply;
    },
  };
}

/** The worker's profiler, driven through untyped protocol messages. */
function workerProfiler(r: Remote): Profiler {
  return {
    async start() {
      await r.send('Profiler.enable');
      await r.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
      await r.send('Profiler.start');
    },
    async stop() {
      const reply = (await r.send('Profiler.stop')) as { profile: CpuProfile };
      return reply.profile;
    },
  };
}

/** The page's profiler, through playwright's typed page session. */
function pageProfiler(session: CDPSession): Profiler {
  return {
    async start() {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
      await session.send('Profiler.start');
    },
    async stop() {
      return (await session.send('Profiler.stop')).profile;
    },
  };
}

export interface RunProfiles {
  /** Stop both profilers, write <dir>/<name>-page.cpuprofile and -worker.cpuprofile; returns a summary. */
  stop(dir: string, name: string): Promise<string>;
}

/** Profile the page and its training worker from now on; `assets` holds the build's source maps. */
export async function startProfiles(page: Page, assets: string): Promise<RunProfiles> {
  const pageSession = await page.context().newCDPSession(page);
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const browserSession = await browser.newBrowserCDPSession();
  const onPage = pageProfiler(pageSession);
  const onWorker = workerProfiler(await attachToWorker(browserSession));
  await onPage.start();
  await onWorker.start();
  const namer = sourceNamer(assets);
  return {
    async stop(dir, name) {
      const [pageProfile, workerProfile] = await Promise.all([onPage.stop(), onWorker.stop()]);
      mkdirSync(dir, { recursive: true });
      const lines: string[] = [];
      for (const [thread, profile] of [['page', pageProfile], ['worker', workerProfile]] as const) {
        const file = join(dir, `${name}-${thread}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        lines.push(`  ${thread} profile → ${file}\n${summariseProfile(profile, 25, namer)}`);
      }
      await browserSession.detach();
      await pageSession.detach();
      return lines.join('\n');
    },
  };
}
