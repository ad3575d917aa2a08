import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json' with { type: 'json' };
import { contentSecurityPolicy } from './tools/csp.ts';
import { tfjsTapeLoops } from './tools/vite/tfjs-tape-loops.ts';
import { tfjsWasmThreads } from './tools/vite/tfjs-wasm-threads.ts';

/**
 * RS_ISOLATED=1 serves the app cross-origin isolated (COOP/COEP), so tfjs-wasm may load its threaded
 * build: used by `npm run bench:browser -- --isolated` to measure threads against workers
 * (docs/workers.md, "Threads inside wasm"). The app itself is served without these headers.
 */
const isolation =
  process.env.RS_ISOLATED === '1'
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : {};

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // tfjs runs in the training worker only, so its bundle is the one to patch.
  worker: { format: 'es', plugins: () => [tfjsWasmThreads(), tfjsTapeLoops()] },
  build: { target: 'es2022', sourcemap: true },
  server: { headers: isolation },
  preview: { headers: isolation },
});
