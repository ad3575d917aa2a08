import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, ExperimentConfig } from '../core/config';
import { installWasmSlice } from '../platform/wasm-slice';
import { settleShapeFeedback } from '../platform/shape-feedback';
import type { BackendAttempt, BackendInfo, BackendName, RaceEntry } from './protocol';
import { raceBackends, raceKey } from './race';
import { cachedRace, storeRace } from './race-cache';
import { webGpuSelfTest } from './self-test';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
installWasmSlice();
settleShapeFeedback(); // see src/platform/shape-feedback.ts

/** Auto order: WebGPU, wasm, WebGL, cpu (a software WebGPU adapter is tried after wasm). */
const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: {
    readonly isFallbackAdapter?: boolean;
    readonly vendor?: string;
    readonly architecture?: string;
    readonly device?: string;
    readonly description?: string;
  };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

async function probeWebGpuAdapter(): Promise<{ ok: boolean; fallback: boolean; reason: string; device: string }> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { ok: false, fallback: false, reason: 'navigator.gpu is not available in this browser', device: '' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, fallback: false, reason: 'no WebGPU adapter', device: '' };
  const fallback = Boolean(adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter);
  const i = adapter.info;
  const device = [i?.vendor, i?.architecture, i?.device, i?.description].filter((x) => x).join(' ') || 'unknown adapter';
  return { ok: true, fallback, reason: fallback ? 'software (fallback) adapter: slower than wasm' : 'hardware adapter', device };
}

/** What the race needs: the experiment this worker will train (its lanes), and the time to spend. */
export interface RaceRequest {
  readonly config: ExperimentConfig;
  readonly lanes: readonly number[] | undefined;
  readonly budgetMs: number;
}

/** Race a self-tested WebGPU against wasm on the experiment's step (cached per device and size). */
async function race(r: RaceRequest, device: string): Promise<{ entries: RaceEntry[]; cached: boolean }> {
  const key = raceKey(device, r.config, r.lanes);
  const cached = await cachedRace(key);
  if (cached) return { entries: cached, cached: true };
  const entries = await raceBackends(['webgpu', 'wasm'], trySet, r.config, r.lanes, r.budgetMs);
  if (entries.every((e) => Number.isFinite(e.msPerStep))) await storeRace(key, entries);
  return { entries, cached: false };
}

const fmtMs = (e: RaceEntry | undefined): string => (e && Number.isFinite(e.msPerStep) ? `${e.msPerStep.toFixed(1)} ms/step` : 'failed');

async function trySet(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Choose and initialise the backend: a forced one if the config says so, else the best that works
 * here. On auto, a hardware WebGPU that passes its self-test races wasm on `raceOn`'s step and
 * trains only if it is faster.
 */
export async function selectBackend(choice: BackendChoice, raceOn?: RaceRequest): Promise<BackendInfo> {
  const attempts: BackendAttempt[] = [];
  let fallbackAdapter = false;
  let selfTestError: number | null = null;
  const forced = choice !== 'auto';
  const order: BackendName[] = forced ? [choice, ...AUTO_ORDER.filter((b) => b !== choice)] : [...AUTO_ORDER];
  const deferred: BackendName[] = [];
  for (const name of order) {
    if (name === 'webgpu') {
      const probe = await probeWebGpuAdapter();
      fallbackAdapter = probe.fallback;
      if (!probe.ok) {
        attempts.push({ name, ok: false, reason: probe.reason });
        continue;
      }
      if (probe.fallback && !forced && !deferred.includes('webgpu')) {
        attempts.push({ name, ok: false, reason: `${probe.reason}; tried after wasm` });
        deferred.push('webgpu');
        continue;
      }
      const test = await webGpuSelfTest(trySet);
      selfTestError = test.error;
      if (test.reason) {
        attempts.push({ name, ok: false, reason: test.reason });
        continue;
      }
      const passed = `${probe.reason}; self-test max rel. diff ${test.error.toExponential(1)}`;
      if (!forced && raceOn && !probe.fallback) {
        const { entries, cached } = await race(raceOn, probe.device);
        const [winner] = entries;
        const gpu = entries.find((e) => e.name === 'webgpu');
        const wasm = entries.find((e) => e.name === 'wasm');
        const times = `webgpu ${fmtMs(gpu)} vs wasm ${fmtMs(wasm)} on this experiment${cached ? ' (cached)' : ''}`;
        const won = winner?.name ?? 'webgpu';
        if ((await trySet(won)) === null) {
          attempts.push({ name: 'webgpu', ok: won === 'webgpu', reason: `${passed}; ${won === 'webgpu' ? 'won the race' : 'lost the race'}: ${times}` });
          if (won === 'wasm') attempts.push({ name: 'wasm', ok: true, reason: `won the race: ${times}` });
          return { chosen: won, forced, attempts, fallbackAdapter, selfTestError, race: entries, raceCached: cached };
        }
        await trySet('webgpu');
      }
      attempts.push({ name, ok: true, reason: passed });
      return { chosen: name, forced, attempts, fallbackAdapter, selfTestError };
    }
    const fail = await trySet(name);
    attempts.push({ name, ok: fail === null, reason: fail ?? (name === 'wasm' ? `initialised (${wasmBuild()})` : 'initialised') });
    if (fail === null) return { chosen: name, forced, attempts, fallbackAdapter, selfTestError };
  }
  throw new Error(`No tfjs backend could be initialised: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
}

/**
 * Which tfjs-wasm build runs: the threaded one loads only in a cross-origin isolated page (its memory
 * is then shared, and the app's own SIMD kernels step aside: they cannot import shared memory,
 * src/core/models/simd/kernels.ts). Its pool size is what XNNPACK reports.
 */
export function wasmBuild(): string {
  let threads: number;
  try {
    threads = getThreadsCount();
  } catch {
    return 'not initialised';
  }
  // The threaded build imports its memory (no `asm.memory` export); its heap views show it.
  const be = tf.findBackend('wasm') as unknown as { wasm?: { HEAPU8?: Uint8Array } } | undefined;
  const shared = typeof SharedArrayBuffer !== 'undefined' && be?.wasm?.HEAPU8?.buffer instanceof SharedArrayBuffer;
  return shared ? `threaded SIMD build, pool of ${threads}` : 'SIMD, one thread';
}

/** Resolve when the WebGPU device is lost (tfjs does not report it). */
export function onWebGpuDeviceLost(callback: (reason: string) => void): void {
  if (tf.getBackend() !== 'webgpu') return;
  const backend = tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } };
  backend.device?.lost?.then((info) => callback(info.message ?? 'WebGPU device lost')).catch(() => undefined);
}
