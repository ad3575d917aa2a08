/** The bytes of the SIMD kernels' module, assembled from its WAT text by wabt (a dev dependency). */
import wabtInit from 'wabt';
import { simdWat } from '../src/core/models/simd/wat';

export async function assembleSimd(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('simd.wat', simdWat(), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
