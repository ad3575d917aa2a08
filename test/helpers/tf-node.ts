import * as tf from '@tensorflow/tfjs-core';
import { selectNodeBackend } from '../../src/platform/node-tf';
import type { NodeBackend } from '../../src/platform/node-tf';

/** Switch the test process to a real tfjs backend (cpu or wasm). */
export async function backend(name: NodeBackend): Promise<typeof tf> {
  await selectNodeBackend(name);
  return tf;
}
