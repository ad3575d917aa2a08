/**
 * tfjs for Node callers (runner, bench, tests): tfjs-core's gradients (Node's ESM loader cannot import
 * tfjs-core's register_all_gradients directly; the umbrella package registers them), the cpu backend and
 * the wasm backend (no setWasmPaths needed in Node).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmSlice } from './wasm-slice';

installWasmSlice();

export type NodeBackend = 'wasm' | 'cpu';

export async function selectNodeBackend(name: NodeBackend): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}
