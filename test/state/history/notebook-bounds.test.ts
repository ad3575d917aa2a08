/**
 * Issue 13, item 3: a notebook is checked against the plan of its own config, its numbers are finite
 * and bounded, its texts short, and its size and nesting bounded before JSON.parse. Each case below
 * was accepted (or threw something other than a NotebookError) before.
 */
import { describe, expect, it } from 'vitest';
import { checkJsonBounds, MAX_DEPTH, MAX_NOTEBOOK_CHARS, nestingDepth } from '../../../src/state/history/json-bounds';
import { NotebookError, parseNotebook } from '../../../src/state/history/notebook';
import { edit, text } from './fixture';

type Nb = Record<string, unknown> & {
  lanes: Record<string, unknown>[];
  config: Record<string, unknown>;
  metrics: { evals: { step: number; mse: number[] }[]; spectra: Record<string, unknown>[]; trainSteps: number[] };
  targetSpectra: Record<string, unknown>[];
};
const change = (f: (nb: Nb) => void): string => edit((nb) => f(nb as Nb));

/** The NotebookError a text is refused with (fails the test on any other outcome). */
function refusal(bad: string): string {
  try {
    parseNotebook(bad);
  } catch (err) {
    expect(err).toBeInstanceOf(NotebookError);
    return (err as Error).message;
  }
  throw new Error('the notebook was accepted');
}

describe('notebook import: bounds and the plan of its own config', () => {
  it.each([
    ['an evaluation of 1e308 (froze the page: the axis padded to Infinity)', change((nb) => ((nb.metrics.evals[1] as { mse: number[] }).mse[0] = 1e308)), /^metrics\.evals\[1\]\.mse\[0\]: expected a number in 0…3\.4028234663852886e\+38, found number 1e\+308/],
    ['a negative error', change((nb) => ((nb.metrics.evals[0] as { mse: number[] }).mse[1] = -0.5)), /^metrics\.evals\[0\]\.mse\[1\]: expected a number in 0…/],
    ['spectra with count 0 and keep 1e9', change((nb) => (nb.metrics.spectra[0] = { step: 20, lanes: [0, 1], count: 0, keep: 1e9, raw: [], centred: [] })), /^metrics\.spectra\[0\]\.keep: 1000000000 values per sequence, but the config's τ is 4/],
    ['target spectra of more sequences than the evaluation set', change((nb) => Object.assign(nb.targetSpectra[0] ?? {}, { count: 2000, raw: new Array(8000).fill(0.1), centred: new Array(8000).fill(0.1) })), /^targetSpectra\[0\]\.count: 2000 sequences; between 1 and the evaluation set's 1024/],
    ['a lane whose target is out of range', change((nb) => ((nb.lanes[0] as { target: number }).target = 3)), /^lanes\[0\]\.target: target 3 does not exist \(the config plans 1\)/],
    ['a lane the config does not plan', change((nb) => ((nb.lanes[1] as { mH: number }).mH = 4)), /^lanes\[1\]: Transformer m_h 4 on target 0, seed 0, but its config plans Transformer m_h 2 on target 0, seed 0 there/],
    ['fewer lanes than the config plans', change((nb) => {
      nb.link = 'v=1&kind=sweep&tau=4&mhs=1,2,3&steps=100&seed=7';
      nb.config.mHs = [1, 2, 3];
    }), /^lanes: the file has 2 lanes, but its config trains 3/],
    ['a step past the end', change((nb) => (nb.step = 101)), /^step: step 101 is past the run's last step \(100\)/],
    ['an evaluation past the end', change((nb) => ((nb.metrics.evals[0] as { step: number }).step = 5000)), /^metrics\.evals\[0\]\.step: step 5000 is past/],
    ['a run length that is not the config’s', change((nb) => (nb.totalSteps = 1e9)), /^totalSteps: 1000000000, but the config's steps is 100/],
    ['a fractional training step', change((nb) => (nb.metrics.trainSteps[0] = 10.5)), /^metrics\.trainSteps\[0\]: expected an integer ≥ 0, found number 10\.5/],
    ['the same lane’s spectra twice', change((nb) => ((nb.metrics.spectra[1] as { lanes: number[] }).lanes = [1, 1])), /^metrics\.spectra\[1\]\.lanes\[1\]: lane 1 is listed twice/],
    ['a 100k-character label', change((nb) => ((nb.lanes[0] as { label: string }).label = 'x'.repeat(100_000))), /^lanes\[0\]\.label: a text of 100000 characters; at most 200 are allowed/],
  ])('refuses %s, naming the problem', (_what, bad, message) => {
    expect(refusal(bad)).toMatch(message);
  });

  it('refuses nesting deeper than MAX_DEPTH before parsing (it threw a RangeError from inside config)', () => {
    const deep = text.replace('"config":{', `"config":{"ranks":${'['.repeat(100_000)}${']'.repeat(100_000)},`);
    expect(refusal(deep)).toBe(`the file nests arrays or objects more than ${MAX_DEPTH} deep; a lab notebook nests 5 deep`);
    // The scan skips brackets inside strings, and stops counting once past the limit.
    expect(nestingDepth('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[\\"[[[[","b":[[1]]}', MAX_DEPTH)).toBe(3);
    expect(nestingDepth('['.repeat(1000), 12)).toBe(13);
    expect(nestingDepth(text, MAX_DEPTH)).toBe(5);
  });

  it('refuses a file over MAX_NOTEBOOK_CHARS before parsing it', () => {
    expect(() => checkJsonBounds(' '.repeat(MAX_NOTEBOOK_CHARS + 1))).toThrow('the file has 100,000,001 characters; a lab notebook has at most 100,000,000 (about 100 MB)');
    expect(() => checkJsonBounds(text)).not.toThrow();
  });

  it('quotes at most a short piece of an offending value', () => {
    const message = refusal(change((nb) => (nb.state = 'y'.repeat(300_000))));
    expect(message.startsWith('state: expected one of running, paused')).toBe(true);
    expect(message.length).toBeLessThan(200);
    // Found by the fuzz suite: a 100k-item "format" was quoted whole.
    const format = refusal(change((nb) => (nb.format = new Array(50_000).fill(0))));
    expect(format.startsWith('this is not a Rankscope lab notebook: its "format" is [0,0,0')).toBe(true);
    expect(format.length).toBeLessThan(200);
    const link = refusal(change((nb) => (nb.link = Array.from({ length: 500 }, (_, i) => `bad${i}=1`).join('&'))));
    expect(link.startsWith('link: bad0: not a setting of this app; ignored; bad1:')).toBe(true);
    expect(link.length).toBeLessThanOrEqual(306);
  });
});
