/**
 * One training thread of `npm run experiment -- … --workers N`: a worker_threads twin of the browser's
 * training worker. It trains the lane group its 'load' names with the same Controller, on the
 * backend given in workerData, and posts the same protocol events to the runner.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { layoutForBackend } from '../core/models/layout';
import { selectNodeBackend } from '../platform/node-tf';
import type { NodeBackend } from '../platform/node-tf';
import { Controller } from '../worker/controller';
import { isCommand } from '../worker/protocol';
import type { Command } from '../worker/protocol';

const port = parentPort;
if (!port) throw new Error('train-thread.ts runs as a worker thread');
const backend = (workerData as { backend: NodeBackend }).backend;
const ready = selectNodeBackend(backend).then(() => new Controller((e) => port.postMessage(e), layoutForBackend(backend)));

let queue: Promise<void> = Promise.resolve();
port.on('message', (cmd: unknown) => {
  if (!isCommand(cmd)) return;
  const run = async (): Promise<void> => (await ready).handle(cmd as Command);
  // As in the browser worker: pause must not wait behind a running loop.
  if (cmd.type === 'pause') void run();
  else queue = queue.then(run);
});
