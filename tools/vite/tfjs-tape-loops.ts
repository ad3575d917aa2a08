/**
 * Vite plugin: tfjs-core's tape walks without `for in` loops, for Chromium's optimizing compiler.
 *
 * Every training step, tfjs's gradients walk the whole tape (`getFilteredNodesXToY`,
 * `backpropagateGradients` in dist/tape.js) and the step's outputs (`walkTensorContainer` in
 * dist/tensor_util.js) with `for (k in object)` over the inputs of every tape node. Those objects
 * have as many shapes as there are kernels, and Chromium's Maglev, having optimized the loop for
 * the shapes it saw, throws the code away at the next shape ("wrong map") and compiles it again.
 * That happened at every step: 360 compiles and 669 deoptimizations in 20 s of fig5-alpha1 on two
 * workers (`npm run bench:jit`), on the renderer's thread pool beside the training workers. Over
 * own enumerable keys of plain objects and arrays, `for (k of Object.keys(object))` visits the same
 * keys in the same order, with one shape of loop.
 */
import type { Plugin } from 'vite';

interface Patch {
  /** Path of the module under node_modules. */
  readonly module: string;
  /** The loop heads to rewrite, and how many the module must have. */
  readonly head: RegExp;
  readonly count: number;
}

const PATCHES: readonly Patch[] = [
  { module: '@tensorflow/tfjs-core/dist/tape.js', head: /for \(const inputName in ([\w.]+)\) \{/g, count: 4 },
  { module: '@tensorflow/tfjs-core/dist/tensor_util.js', head: /for \(const k in (iterable)\) \{/g, count: 1 },
];

export function tfjsTapeLoops(): Plugin {
  const seen = new Set<string>();
  return {
    name: 'rankscope:tfjs-tape-loops',
    enforce: 'pre',
    buildStart() {
      seen.clear();
    },
    transform(code, id) {
      const path = id.replace(/\\/g, '/');
      const patch = PATCHES.find((p) => path.endsWith(p.module));
      if (!patch) return null;
      const found = code.match(patch.head)?.length ?? 0;
      if (found !== patch.count) this.error(`${patch.module} has ${found} loops where tools/vite/tfjs-tape-loops.ts expects ${patch.count}: review it`);
      seen.add(patch.module);
      const name = patch.module.endsWith('tape.js') ? 'inputName' : 'k';
      return { code: code.replace(patch.head, `for (const ${name} of Object.keys($1)) {`), map: null };
    },
    generateBundle() {
      const missing = PATCHES.filter((p) => !seen.has(p.module)).map((p) => p.module);
      if (missing.length > 0) this.warn(`not in this bundle, so not patched: ${missing.join(', ')}`);
    },
  };
}
