/**
 * A slice of the fuzz suite inside `npm test` (a few seconds): the same generators and oracles as
 * `npm run fuzz`, fewer cases and a fixed seed, so a failure
 * here reproduces with `npm run fuzz -- --seed 20261202`.
 */
import { describe, expect, it } from 'vitest';
import { generateNotebook } from './notebook-gen';
import { Rand } from './rand';
import { runFuzz } from './suite';
import { parseNotebook } from '../../src/state/history/notebook';

const SEED = 20261202;

describe('fuzz slice', () => {
  // A freeze is a case over 5 s: the reported one took 18 s; this is not a speed test.
  const reports = runFuzz({ seed: SEED, cases: { links: 1500, lessons: 800, notebooks: 150 }, freezeMs: 5000 });

  it.each(reports.map((r) => [r.name, r] as const))('%s: no throws, bound violations, unnamed keys or freezes', (_name, r) => {
    expect(r.cases).toBeGreaterThan(100);
    expect({ counts: r.counts, examples: r.examples }).toEqual({ counts: { throw: 0, bound: 0, unnamed: 0, freeze: 0 }, examples: [] });
  });

  it('the notebook generator gives both accepted and refused files', () => {
    let accepted = 0;
    for (let n = 0; n < 150; n++) {
      try {
        parseNotebook(generateNotebook(new Rand(SEED, `notebooks-${n}`)).text);
        accepted++;
      } catch {
        // refused: counted by difference
      }
    }
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(140);
  });
});
