/**
 * A training worker as the page's state layer sees one, in Node: the real Controller the browser's
 * worker runs (src/worker/training.worker.ts), on the test's tfjs backend, behind a Worker's surface
 * (postMessage, 'message' and 'error' events, terminate). Messages are structured-cloned both ways,
 * as between threads. A 'crash' command acts as the worker entry's does: 'throw' ends in an 'error'
 * event, 'hang' leaves the worker silent, as a thread stuck in one step.
 */
import { Controller } from '../../src/worker/controller';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { Command, WorkerEvent } from '../../src/worker/protocol';

const V = PROTOCOL_VERSION;

export class ControllerPort extends EventTarget {
  private readonly controller: Controller;
  private queue: Promise<void> = Promise.resolve();
  private silent = false;
  terminated = false;
  /** Commands received, in order. */
  readonly received: Command[] = [];

  /** `crashOnLoad`: the worker fails as it starts (its first 'load'), as one whose backend cannot start. */
  constructor(private readonly crashOnLoad = false) {
    super();
    this.controller = new Controller((e) => this.emit(e), 'split');
  }

  postMessage(cmd: Command): void {
    if (this.terminated) return;
    const c = structuredClone(cmd);
    this.received.push(c);
    if ((c.type === 'crash' && c.mode !== 'oom') || (c.type === 'load' && this.crashOnLoad)) {
      const hang = c.type === 'crash' && c.mode === 'hang';
      setTimeout(() => (hang ? this.goSilent() : this.fail('simulated worker crash')), 0);
      return;
    }
    const run = (): Promise<void> => this.controller.handle(c);
    // As in the worker entry: pause and speed do not wait behind a running loop.
    const task = c.type === 'pause' || c.type === 'speed' ? run() : (this.queue = this.queue.then(run));
    task.catch((err: unknown) => this.emit({ v: V, type: 'fatal', message: err instanceof Error ? err.message : String(err) }));
  }

  terminate(): void {
    this.terminated = true;
    this.goSilent();
  }

  private emit(e: WorkerEvent): void {
    if (!this.silent) this.dispatchEvent(new MessageEvent('message', { data: structuredClone(e) }));
  }

  private fail(message: string): void {
    if (this.silent) return;
    this.goSilent();
    // Node has no ErrorEvent: an Event carrying the message, as the page's handler reads it.
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }

  /** Nothing more reaches the page; the controller stops training and lets go of its tensors. */
  private goSilent(): void {
    this.silent = true;
    void this.controller.handle({ v: V, type: 'pause' }).then(() => this.controller.dispose());
  }
}

/** A worker factory for createTrainingClient, and every worker it made. */
export function controllerWorkers(crashingStarts = 0): { make: () => Worker; ports: ControllerPort[] } {
  const ports: ControllerPort[] = [];
  const make = (): Worker => {
    const port = new ControllerPort(ports.length < crashingStarts);
    ports.push(port);
    // The client uses only the Worker surface ControllerPort has (src/state/sharded-worker.ts's WorkerPort).
    return port as unknown as Worker;
  };
  return { make, ports };
}
