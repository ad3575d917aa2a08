/**
 * The Vulkan loader (libvulkan.so.1) that Dawn opens by name on Linux. A GPU node has the system's
 * (Debian/Ubuntu: libvulkan1). A machine without it may still have one beside a driver it names
 * in VK_ICD_FILENAMES: Debian's Chromium ships its own loader next to its SwiftShader ICD. Loading
 * that one first, by path, makes Dawn's later dlopen("libvulkan.so.1") find it (the dynamic linker
 * matches an already loaded library by its soname).
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

const LOADER = 'libvulkan.so.1';
/** dlopen's RTLD_NODELETE on Linux (glibc's dlfcn.h and musl's; Node's os.constants.dlopen lacks it). */
const RTLD_NODELETE = 0x1000;

/** The driver (ICD) files named by VK_ICD_FILENAMES or the newer loader's VK_DRIVER_FILES. */
export function icdFiles(env: NodeJS.ProcessEnv): string[] {
  return [env.VK_ICD_FILENAMES, env.VK_DRIVER_FILES]
    .filter((v): v is string => Boolean(v))
    .flatMap((v) => v.split(':'))
    .filter((f) => f !== '');
}

/**
 * dlopen `name` for the rest of the process. It is a plain shared library, not a Node addon, so
 * Node reports that it "did not self-register" after the dynamic linker loaded it; RTLD_NODELETE
 * keeps it loaded when Node closes its handle.
 */
function preload(name: string): boolean {
  const { RTLD_NOW, RTLD_GLOBAL } = constants.dlopen;
  try {
    process.dlopen({ exports: {} }, name, (RTLD_NOW ?? 0) | (RTLD_GLOBAL ?? 0) | RTLD_NODELETE);
    return true;
  } catch (err) {
    return /did not self-register/i.test(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Make a Vulkan loader available to Dawn: the system's, else one beside a named ICD file. Returns
 * where it came from ('system', or the path), or null when there is none (Linux only; elsewhere
 * Dawn uses Metal or Direct3D and this returns 'not needed').
 */
export function ensureVulkanLoader(env: NodeJS.ProcessEnv): string | null {
  if (process.platform !== 'linux') return 'not needed';
  if (preload(LOADER)) return 'system';
  for (const icd of icdFiles(env)) {
    const beside = join(dirname(icd), LOADER);
    if (existsSync(beside) && preload(beside)) return beside;
  }
  return null;
}
