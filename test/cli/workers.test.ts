import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Six lanes (RNN and Transformer on three targets), a few seconds of training. */
const LINK = 'kind=compare&target=memory&tau=8&swapk=2&mh=2&n=8&mff=16&mv=8&rnnh=16&batch=8&evaln=32&steps=40&logev=5&evalev=20&lr=0.01';

interface RunJson {
  workers: number;
  outcome: { status: string; step: number };
  eval: { step: number; mse: number[] }[];
}

function run(workers: number): RunJson {
  const file = join(mkdtempSync(join(tmpdir(), 'rs-workers-')), 'run.json');
  execFileSync('npx', ['tsx', 'src/cli/experiment.ts', LINK, '--workers', String(workers), '--quiet', '--json', file], { stdio: 'pipe' });
  return JSON.parse(readFileSync(file, 'utf8')) as RunJson;
}

describe('npm run experiment -- --workers N', () => {
  it('trains the lane groups in worker threads and ends on the numbers of one thread', () => {
    const one = run(1);
    const two = run(2);
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    expect(two.outcome).toEqual({ status: 'done', step: 40 });
    expect(two.eval.map((e) => e.step)).toEqual([20, 40]);
    expect(two.eval).toEqual(one.eval); // evaluations travel as float64: equal to the last bit
  });
});
