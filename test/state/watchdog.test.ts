/**
 * The watch on a training worker. Its input is the clock, so the clock here is vitest's: the tests
 * move it and never depend on how fast this machine runs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { RunState, WorkerEvent } from '../../src/worker/protocol';
import { watchWorker } from '../../src/state/watchdog';

function status(state: RunState): MessageEvent<WorkerEvent> {
  return new MessageEvent('message', { data: { v: PROTOCOL_VERSION, type: 'status', state, step: 0, stepsPerSecond: 0, tensors: 0, message: null } });
}

const report = (): MessageEvent<WorkerEvent> =>
  new MessageEvent('message', { data: { v: PROTOCOL_VERSION, type: 'train', steps: new Int32Array(0), loss: new Float32Array(0) } });

/** A worker's message channel and the hangs its watch reported. */
function watched(timeoutMs: number): { worker: EventTarget; hangs: number[]; stop: () => void } {
  const worker = new EventTarget();
  const hangs: number[] = [];
  const watch = watchWorker(worker, () => timeoutMs, (silent) => hangs.push(silent));
  return { worker, hangs, stop: () => watch.stop() };
}

describe('watchWorker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onHang once when a running worker stays silent past the timeout', () => {
    const w = watched(3_000);
    w.worker.dispatchEvent(status('running'));
    vi.advanceTimersByTime(2_500);
    expect(w.hangs).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(w.hangs).toEqual([3_000]);
    vi.advanceTimersByTime(10_000);
    expect(w.hangs).toHaveLength(1);
    w.stop();
  });

  it('leaves a silent worker alone while it is not running (paused, ready, done)', () => {
    const w = watched(3_000);
    for (const state of ['paused', 'ready', 'done'] as const) {
      w.worker.dispatchEvent(status('running'));
      w.worker.dispatchEvent(status(state));
      vi.advanceTimersByTime(10_000);
    }
    expect(w.hangs).toEqual([]);
    w.stop();
  });

  it('counts any message as a sign of life, and stops watching when stopped', () => {
    const w = watched(3_000);
    w.worker.dispatchEvent(status('running'));
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(2_000);
      w.worker.dispatchEvent(report());
    }
    expect(w.hangs).toEqual([]);
    w.stop();
    vi.advanceTimersByTime(10_000);
    expect(w.hangs).toEqual([]);
  });

  it('reads the timeout at every check (it follows the run’s estimate)', () => {
    let timeout = Infinity;
    const worker = new EventTarget();
    const hangs: number[] = [];
    const watch = watchWorker(worker, () => timeout, (silent) => hangs.push(silent));
    worker.dispatchEvent(status('running'));
    vi.advanceTimersByTime(60_000);
    expect(hangs).toEqual([]);
    timeout = 1_000;
    vi.advanceTimersByTime(500);
    expect(hangs).toEqual([60_500]);
    watch.stop();
  });
});
