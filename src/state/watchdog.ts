/**
 * The page's watch on one training worker: while the worker says it is running, it sends a status
 * at least every HEARTBEAT_MS whenever its thread is free (src/worker/controller.ts). A worker that
 * has sent nothing for `timeoutMs` while running is stuck in one step (or one evaluation) for far
 * longer than its estimate allows: `onHang` is called once, and the page replaces the worker.
 */
import { isWorkerEvent } from '../worker/protocol';

/** How often the watch looks at the clock. */
const CHECK_MS = 500;

export interface Watch {
  stop(): void;
}

export function watchWorker(w: EventTarget, timeoutMs: () => number, onHang: (silentMs: number) => void): Watch {
  let last = performance.now();
  let running = false;
  let fired = false;
  const onMessage = (event: Event): void => {
    last = performance.now();
    const data = (event as MessageEvent<unknown>).data;
    if (isWorkerEvent(data) && data.type === 'status') running = data.state === 'running';
  };
  w.addEventListener('message', onMessage);
  const timer = setInterval(() => {
    const silent = performance.now() - last;
    if (!running || fired || silent < timeoutMs()) return;
    fired = true;
    onHang(silent);
  }, CHECK_MS);
  return {
    stop() {
      clearInterval(timer);
      w.removeEventListener('message', onMessage);
    },
  };
}
