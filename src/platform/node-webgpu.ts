/**
 * WebGPU in Node: Dawn (the `webgpu` npm package's prebuilt dawn.node) installed as `navigator.gpu`,
 * so that @tensorflow/tfjs-backend-webgpu registers its backend and runs on the Vulkan driver the
 * Vulkan loader finds: the vendor's on a GPU node, or a software one named by VK_ICD_FILENAMES
 * (SwiftShader, shipped with Debian's Chromium: correct but slow, for tests). Loaded only when a
 * caller asks for webgpu, so the wasm and cpu paths never load dawn.node.
 */
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { GpuBufferLimits } from '../core/cost';
import { ensureVulkanLoader, icdFiles } from './vulkan-loader';

/** Debian's Chromium ships this SwiftShader Vulkan driver (a CPU implementation). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** What to do when no GPU adapter can be had: the one message `--backend webgpu` fails with. */
export const WEBGPU_HELP =
  'WebGPU in Node runs on a Vulkan driver: on a GPU node install the vendor\'s driver with its Vulkan ICD and the ' +
  'Vulkan loader (Debian/Ubuntu: libvulkan1; in a container, the NVIDIA Container Toolkit with ' +
  'NVIDIA_DRIVER_CAPABILITIES including graphics); without a GPU, a software driver can be named with ' +
  `VK_ICD_FILENAMES=${SWIFTSHADER_ICD} (Debian's chromium package; for tests, not speed). See docs/studies.md §7.`;

/** The backend cannot run here; its message says why and what to install (no stack trace is shown). */
export class BackendUnavailable extends Error {
  override readonly name = 'BackendUnavailable';
}

export interface NodeGpuInfo {
  /** Vendor, architecture and description of the adapter, e.g. "google swiftshader …". */
  readonly adapter: string;
  /** A software adapter (SwiftShader, a CPU fallback): correct, far slower than wasm. */
  readonly software: boolean;
  readonly limits: GpuBufferLimits;
}

interface DawnAdapter {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly description?: string; readonly isFallbackAdapter?: boolean };
  readonly limits: { readonly maxBufferSize: number; readonly maxStorageBufferBindingSize: number };
}
interface DawnGpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<DawnAdapter | null>;
}
interface DawnModule {
  create(options: string[]): DawnGpu;
  readonly globals: object;
}

let installed: Promise<NodeGpuInfo> | null = null;

/** Make `navigator.gpu` Dawn's and register tfjs's webgpu backend (once per thread). */
export function installNodeWebGpu(): Promise<NodeGpuInfo> {
  installed ??= install();
  return installed;
}

async function install(): Promise<NodeGpuInfo> {
  const missing = icdFiles(process.env).filter((f) => !existsSync(f));
  if (missing.length > 0) throw new BackendUnavailable(`--backend webgpu: the Vulkan driver file ${missing.join(', ')} does not exist. ${WEBGPU_HELP}`);
  if (ensureVulkanLoader(process.env) === null) throw new BackendUnavailable(`--backend webgpu: no Vulkan loader (libvulkan.so.1) on this system. ${WEBGPU_HELP}`);
  let dawn: DawnModule;
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new BackendUnavailable(
      `--backend webgpu: the webgpu package (Dawn for Node) did not load on ${process.platform}-${process.arch} (${why}); ` +
        'it ships dawn.node for linux-x64, linux-arm64, darwin and win32: run npm ci.',
    );
  }
  // GPUBufferUsage, GPUMapMode, … : the constants tfjs's webgpu backend reads as globals.
  for (const [key, value] of Object.entries(dawn.globals)) if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) {
    const icd = process.env.VK_ICD_FILENAMES ? ` (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES})` : '';
    throw new BackendUnavailable(`--backend webgpu: no WebGPU adapter: Dawn found no usable Vulkan driver${icd}. ${WEBGPU_HELP}`);
  }
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  // Registers 'webgpu' only when navigator.gpu exists at import time, as it now does.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!tf.findBackendFactory('webgpu')) throw new Error('tfjs-backend-webgpu was loaded before navigator.gpu was set: it registered no backend');
  const i = adapter.info;
  return {
    adapter: [i?.vendor, i?.architecture, i?.description].filter((x) => x).join(' ') || 'unknown adapter',
    software: Boolean(adapter.isFallbackAdapter ?? i?.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe/i.test(`${i?.vendor} ${i?.description}`),
    limits: { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
  };
}

/**
 * Destroy the webgpu backend's device and drop `navigator.gpu`: Dawn keeps a process alive while
 * either lives (a test process that must exit calls this; the CLIs exit explicitly). The last use of
 * webgpu in the thread: the backend cannot be selected again afterwards.
 */
export function releaseNodeWebGpu(): void {
  const backend = tf.findBackend('webgpu') as unknown as { device?: { destroy(): void } } | null;
  if (backend) {
    tf.removeBackend('webgpu');
    backend.device?.destroy();
  }
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav && 'gpu' in nav) delete nav.gpu;
}
