import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { tfjsWasmThreads } from '../../tools/vite/tfjs-wasm-threads';

const require = createRequire(import.meta.url);
const id = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');

type Transform = (this: { error(m: string): never; warn(m: string): void }, code: string, id: string) => { code: string } | null;

function transform(code: string, file: string): { code: string } | null {
  const hook = tfjsWasmThreads().transform as unknown as Transform;
  return hook.call({ error: (m) => { throw new Error(m); }, warn: () => undefined }, code, file);
}

describe('the tfjs-wasm threads plugin (tools/vite/tfjs-wasm-threads.ts)', () => {
  it('gives the pthread workers a script that defines the factory on its own', () => {
    const out = transform(readFileSync(id, 'utf8'), id);
    expect(out).not.toBeNull();
    expect(out?.code).not.toContain('wasmFactoryThreadedSimd.toString()');
    // The Blob's text, as a pthread worker evaluates it: in a bare global scope, it must define the factory.
    const literal = /new Blob\(\[("(?:[^"\\]|\\.)*")\]/.exec(out?.code ?? '')?.[1];
    expect(literal).toBeDefined();
    const scope: Record<string, unknown> = {};
    runInNewContext(JSON.parse(literal as string) as string, scope);
    expect(typeof scope.WasmBackendModuleThreadedSimd).toBe('function');
  });

  it('leaves other modules alone, and stops the build when tfjs no longer matches', () => {
    expect(transform('export const x = 1;', '/somewhere/else.js')).toBeNull();
    expect(() => transform('export const x = 1;', id)).toThrow(/no longer builds its pthread script/);
  });
});
