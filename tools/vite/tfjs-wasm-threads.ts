/**
 * Vite plugin: tfjs-wasm's threaded build, intact in a minified bundle.
 *
 * tfjs-backend-wasm starts its pthread workers on a script it makes from the Emscripten factory
 * function's own text (`wasmFactoryThreadedSimd.toString()`). Bundled and minified, that function
 * refers to names minified outside it, so every pthread worker dies at start ("ReferenceError: e is
 * not defined") and the backend never finishes initialising: the page hangs on "starting" when it
 * is cross-origin isolated. This plugin hands the workers the factory's original file instead, which
 * defines everything it uses. Without isolation the threaded build is never loaded and this changes
 * nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const MODULE = '@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js';
const FACTORY = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
/** The Blob tfjs makes of the factory's text (tfjs 4.x, backend_wasm.js). */
const BLOB = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\]/;

export function tfjsWasmThreads(): Plugin {
  let patched = false;
  return {
    name: 'rankscope:tfjs-wasm-threads',
    enforce: 'pre',
    buildStart() {
      patched = false;
    },
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith(MODULE)) return null;
      if (!BLOB.test(code)) this.error(`${MODULE} no longer builds its pthread script as this plugin expects: review tools/vite/tfjs-wasm-threads.ts`);
      const source = readFileSync(createRequire(import.meta.url).resolve(FACTORY), 'utf8');
      patched = true;
      return { code: code.replace(BLOB, `new Blob([${JSON.stringify(source)}]`), map: null };
    },
    generateBundle() {
      if (!patched) this.warn(`${MODULE} was not in this bundle: the threaded wasm build is not patched`);
    },
  };
}
