/// <reference lib="webworker" />
import { layoutForBackend } from '../core/models/layout';
import { selectBackend, onWebGpuDeviceLost } from './backends';
import { Controller } from './controller';
import { isCommand, PROTOCOL_VERSION } from './protocol';
import type { Command, WorkerEvent } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const post = (e: WorkerEvent): void => {
  const transfer: Transferable[] = [];
  if (e.type === 'train') transfer.push(e.steps.buffer, e.loss.buffer);
  self.postMessage(e, transfer);
};

/** Timed part of each candidate's run in the backend race. */
const RACE_MS = 800;

let controller: Controller | null = null;
let queue: Promise<void> = Promise.resolve();

async function start(first: Command): Promise<void> {
  if (first.type !== 'load') throw new Error('the first command must be "load"');
  // On auto, a hardware WebGPU races wasm on this worker's own share of the experiment, for about a second.
  const info = await selectBackend(first.config.backend, { config: first.config, lanes: first.lanes, budgetMs: RACE_MS });
  post({ v: PROTOCOL_VERSION, type: 'backend', info });
  onWebGpuDeviceLost((reason) => post({ v: PROTOCOL_VERSION, type: 'fatal', message: `WebGPU device lost: ${reason}` }));
  controller = new Controller(post, layoutForBackend(info.chosen));
  await controller.handle(first);
}

self.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const cmd = ev.data;
  if (!isCommand(cmd)) return;
  if (cmd.type === 'crash' && cmd.mode !== 'oom') {
    setTimeout(() => {
      if (cmd.mode === 'hang') for (;;); // never yields: the page's watchdog must notice
      throw new Error('simulated worker crash');
    }, 0);
    return;
  }
  // play/pause must not wait behind a running loop; everything else is applied in order.
  const run = async (): Promise<void> => {
    if (!controller) await start(cmd);
    else await controller.handle(cmd);
  };
  const task = cmd.type === 'pause' || cmd.type === 'speed' ? run() : (queue = queue.then(run));
  task.catch((err: unknown) =>
    post({ v: PROTOCOL_VERSION, type: 'fatal', message: err instanceof Error ? err.message : String(err) }),
  );
});
