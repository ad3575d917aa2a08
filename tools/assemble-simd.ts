/** The bytes of the WebAssembly modules, assembled from their WAT text by wabt (a dev dependency). */
import wabtInit from 'wabt';
import { simdWat } from '../src/core/models/simd/wat';
import { couplingWat } from '../src/core/targets/coupling-wat';

async function assemble(name: string, text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, text, { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** src/core/models/simd: the product and elementwise kernels on the tfjs wasm backend's memory. */
export function assembleSimd(): Promise<Uint8Array> {
  return assemble('simd.wat', simdWat());
}

/** src/core/targets: the coupling target's harmonics and logits, on its own memory. */
export function assembleCoupling(): Promise<Uint8Array> {
  return assemble('coupling.wat', couplingWat());
}
