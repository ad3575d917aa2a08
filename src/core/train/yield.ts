/** How the training loop gives the event loop a turn (pause and stop messages arrive in between). */

/** Longest stretch of training without yielding to the event loop. */
export const YIELD_MS = 100;

export function now(): number {
  return performance.now();
}

/**
 * Yield to the event loop so a worker can receive pause/stop messages, without a timer: browsers
 * clamp a setTimeout(0) nested more than 5 deep (as this loop's are) to ≥ 4 ms, and Node's to 1 ms,
 * which left the training worker idle ~4 ms a step at one report per step. Node: setImmediate;
 * browsers and workers: a message to ourselves (one channel, resolvers in order); else setTimeout.
 */
export function tick(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') return new Promise((resolve) => selfMessage(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Call `resolve` from a task of its own, queued behind the messages already waiting. */
function selfMessage(resolve: () => void): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(resolve);
  channel.port2.postMessage(null);
}
