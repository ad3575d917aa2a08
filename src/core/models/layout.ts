/**
 * How lanes are laid out on a backend. 'split': one plain 2-D product per lane (wasm's XNNPACK and the
 * cpu backend are fast only for those). 'batched': one batched product over a leading lane axis
 * (GPU backends, where a kernel launch costs more than the arithmetic).
 */
export type LaneLayout = 'split' | 'batched';

export function layoutForBackend(backend: string): LaneLayout {
  return backend === 'webgl' || backend === 'webgpu' ? 'batched' : 'split';
}
