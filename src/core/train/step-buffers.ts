/**
 * Host memory for one training step's data (inputs, targets, fixed features), reused from step to
 * step where making a tensor copies the values into the backend's own memory at once (wasm), so a
 * step allocates no new buffers; elsewhere (cpu, WebGL, WebGPU keep the array they are given, at
 * least until an upload) every step gets fresh arrays. In a Chromium worker each large new
 * ArrayBuffer costs far more than in Node: freeing them is a large part of the heap's background work.
 */
export class StepBuffers {
  private readonly kept = new Map<string, Float32Array<ArrayBuffer>>();

  /** `reuse`: whether the backend copies a tensor's values when the tensor is made (wasm). */
  constructor(private readonly reuse: boolean) {}

  /** A Float32Array of `size` values for `name`: the same one at every step when reusing (contents stale). */
  get(name: string, size: number): Float32Array<ArrayBuffer> {
    if (!this.reuse) return new Float32Array(size);
    const have = this.kept.get(name);
    if (have && have.length === size) return have;
    const made = new Float32Array(size);
    this.kept.set(name, made);
    return made;
  }
}

/** Whether tensors made on `backend` copy their values at once (so the source array can be reused). */
export function copiesOnWrite(backend: string): boolean {
  return backend === 'wasm';
}
