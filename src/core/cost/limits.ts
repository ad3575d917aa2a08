/**
 * What one worker's backend can hold (docs/cost-model.md §limits). wasm: a 32-bit heap of at most
 * 4 GiB − 64 KiB (tfjs-backend-wasm 4.22's getHeapMax), less a margin for what tfjs's tensors are
 * not: the allocator's fragmentation, XNNPACK's packed weights, the module's own data. Each worker
 * (and each runner thread) has its own heap, so the limit applies per lane group. WebGPU: no total
 * is known, but no single buffer may exceed the adapter's maxBufferSize or
 * maxStorageBufferBindingSize. cpu and WebGL: no limit is known here.
 */

/** tfjs-backend-wasm's largest heap (getHeapMax in its Emscripten glue). */
export const WASM_HEAP_MAX = 4_294_901_760;
/** Kept free on a wasm heap for what the estimate does not count. */
export const WASM_MARGIN = 512 * 1024 * 1024;

export interface BackendLimits {
  readonly backend: string;
  /** Most bytes of tensors one worker may need at its peak, or null when unknown. */
  readonly totalBytes: number | null;
  /** Most bytes of one tensor (WebGPU buffers), or null when unknown. */
  readonly bufferBytes: number | null;
}

/** The subset of a GPUAdapter's / GPUDevice's limits that bound a buffer. */
export interface GpuBufferLimits {
  readonly maxBufferSize?: number;
  readonly maxStorageBufferBindingSize?: number;
}

export function backendLimits(backend: string, gpu?: GpuBufferLimits | null, systemBytes?: number | null): BackendLimits {
  switch (backend) {
    case 'wasm':
      return { backend, totalBytes: WASM_HEAP_MAX - WASM_MARGIN, bufferBytes: null };
    case 'webgpu': {
      const sizes = [gpu?.maxBufferSize, gpu?.maxStorageBufferBindingSize].filter((x): x is number => typeof x === 'number' && x > 0);
      return { backend, totalBytes: null, bufferBytes: sizes.length > 0 ? Math.min(...sizes) : null };
    }
    default:
      return { backend, totalBytes: systemBytes ?? null, bufferBytes: null };
  }
}
