import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tfjsTapeLoops } from '../../tools/vite/tfjs-tape-loops';

const require = createRequire(import.meta.url);
const tape = require.resolve('@tensorflow/tfjs-core/dist/tape.js');
const tensorUtil = require.resolve('@tensorflow/tfjs-core/dist/tensor_util.js');

type Transform = (this: { error(m: string): never; warn(m: string): void }, code: string, id: string) => { code: string } | null;

function transform(code: string, file: string): { code: string } | null {
  const hook = tfjsTapeLoops().transform as unknown as Transform;
  return hook.call({ error: (m) => { throw new Error(m); }, warn: () => undefined }, code, file);
}

describe('the tfjs tape loops plugin (tools/vite/tfjs-tape-loops.ts)', () => {
  it('rewrites every for-in loop over tape node inputs and tensor containers, and nothing else', () => {
    const t = readFileSync(tape, 'utf8');
    const out = transform(t, tape)?.code ?? '';
    expect(out).not.toMatch(/for \(const inputName in /);
    expect(out.match(/for \(const inputName of Object\.keys\(/g)).toHaveLength(4);
    expect(out.length - t.length).toBe(4 * 'Object.keys()'.length); // "in x" → "of Object.keys(x)", nothing else
    const u = transform(readFileSync(tensorUtil, 'utf8'), tensorUtil)?.code ?? '';
    expect(u).toContain('for (const k of Object.keys(iterable)) {');
    expect(u).not.toMatch(/for \(const k in /);
  });

  it('rests on for-in and Object.keys visiting the same keys in the same order for the objects tfjs walks', () => {
    const inputs: object[] = [
      { x: 1, w: 2, b: 3 }, // a kernel's named inputs
      { 0: 'x', 1: 'w', 2: 'b' }, // customGrad's input map
      { a: 1, 2: 'two', b: 3, 0: 'zero' }, // mixed: integer keys first, in V8 and in the spec
      ['t0', 't1', 't2'], // a list of tensors
    ];
    for (const o of inputs) {
      const viaIn: string[] = [];
      for (const k in o) viaIn.push(k);
      expect(Object.keys(o)).toEqual(viaIn);
    }
  });

  it('leaves other modules alone, and stops the build when tfjs no longer matches', () => {
    expect(transform('for (const inputName in x) {}', '/somewhere/else.js')).toBeNull();
    expect(() => transform('export const x = 1;', tape)).toThrow(/has 0 loops where .* expects 4/);
  });
});
