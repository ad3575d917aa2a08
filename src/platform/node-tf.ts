/**
 * tfjs for Node callers (runner, bench, tests): tfjs-core's gradients (Node's ESM loader cannot import
 * tfjs-core's register_all_gradients directly; the umbrella package registers them), the cpu backend,
 * the wasm backend (no setWasmPaths needed in Node) and, on request, WebGPU through Dawn
 * (./node-webgpu.ts), trusted only once it passes the browser's self-test against cpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { GpuBufferLimits } from '../core/cost';
import { SELF_TEST_TOLERANCE, webGpuSelfTest } from '../worker/self-test';
import { BackendUnavailable, installNodeWebGpu } from './node-webgpu';
import { installWasmSlice } from './wasm-slice';

installWasmSlice();

export type NodeBackend = 'wasm' | 'cpu' | 'webgpu';
export const NODE_BACKENDS: readonly NodeBackend[] = ['wasm', 'cpu', 'webgpu'];

export function isNodeBackend(s: unknown): s is NodeBackend {
  return s === 'wasm' || s === 'cpu' || s === 'webgpu';
}

export interface NodeBackendInfo {
  readonly name: NodeBackend;
  /** What was found: "initialised", or the GPU adapter and the self-test's difference. */
  readonly detail: string;
  /** The adapter's buffer limits (webgpu), for the cost model's refusal of an oversized tensor. */
  readonly gpu: GpuBufferLimits | null;
}

async function trySet(name: string): Promise<string | null> {
  try {
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Initialise `name` as tfjs's backend; webgpu must first pass the self-test against cpu. */
export async function selectNodeBackend(name: NodeBackend): Promise<NodeBackendInfo> {
  if (name === 'webgpu') return selectWebGpu();
  const fail = await trySet(name);
  if (fail) throw new BackendUnavailable(`tfjs backend "${name}" failed to initialise: ${fail}`);
  return { name, detail: 'initialised', gpu: null };
}

async function selectWebGpu(): Promise<NodeBackendInfo> {
  const gpu = await installNodeWebGpu();
  const test = await webGpuSelfTest(trySet);
  if (test.reason) throw new BackendUnavailable(`--backend webgpu on ${gpu.adapter}: ${test.reason} (tolerance ${SELF_TEST_TOLERANCE})`);
  const kind = gpu.software ? 'software adapter: correct, not fast' : 'hardware adapter';
  return {
    name: 'webgpu',
    detail: `${gpu.adapter} (${kind}); self-test against cpu: max rel. diff ${test.error.toExponential(1)}`,
    gpu: gpu.limits,
  };
}
