import { describe, expect, it } from 'vitest';
import { readNotebooks, SLICE_MS } from '../../../src/state/history/batch';
import type { NotebookSource } from '../../../src/state/history/batch';
import { MAX_NOTEBOOK_CHARS } from '../../../src/state/history/json-bounds';
import { text } from './fixture';

const file = (name: string, body: string, size = body.length): NotebookSource => ({ name, size, text: () => Promise.resolve(body) });
/** The fixture's notebook with another master seed (in its link and its config alike). */
const seeded = (seed: number): string => text.replace('seed=7', `seed=${seed}`).replace('"seed":7', `"seed":${seed}`);

describe('reading several notebooks', () => {
  it('keeps the good files in name order and names each refused file with the reason', async () => {
    const read = await readNotebooks(
      [
        file('notebooks/e010.json', seeded(10)),
        file('notebooks/bad.json', '{"format": "rankscope-notebook", '),
        file('notebooks/e002.json', seeded(2)),
        file('notebooks/huge.json', '', MAX_NOTEBOOK_CHARS + 1),
        {
          name: 'notebooks/gone.json',
          size: 10,
          text: () => Promise.reject(new Error('NotReadableError')),
        },
      ],
      { check: () => null },
    );
    expect(read.good.map((g) => [g.name, g.run.config.seed])).toEqual([
      ['notebooks/e002.json', 2],
      ['notebooks/e010.json', 10],
    ]);
    expect(read.refused.map((r) => r.name)).toEqual(['notebooks/bad.json', 'notebooks/gone.json', 'notebooks/huge.json']);
    expect(read.refused[0]?.why).toMatch(/^the file is not JSON/);
    expect(read.refused[1]?.why).toMatch(/^the file is not JSON/);
    expect(read.refused[2]?.why).toMatch(/^the file has 100,000,001 characters; a lab notebook has at most 100,000,000/);
  });

  it('refuses what the caller’s check refuses, with its reason', async () => {
    const read = await readNotebooks([file('a.json', seeded(1)), file('b.json', seeded(2))], {
      check: (run) => (run.config.seed === 2 ? 'this lesson link locks seed' : null),
    });
    expect(read.good.map((g) => g.name)).toEqual(['a.json']);
    expect(read.refused).toEqual([{ name: 'b.json', why: 'this lesson link locks seed' }]);
  });

  it('gives the event loop a turn whenever a slice has worked more than SLICE_MS, and reports progress', async () => {
    let clock = 0;
    let turns = 0;
    const progress: string[] = [];
    // Each file costs 5/8 of a slice on this clock: a turn after every second file.
    const files = Array.from({ length: 6 }, (_, i): NotebookSource => ({ name: `e${i}.json`, size: 1, text: () => ((clock += (SLICE_MS * 5) / 8), Promise.resolve(seeded(i))) }));
    await readNotebooks(files, {
      check: () => null,
      now: () => clock,
      yieldNow: () => {
        turns++;
        return Promise.resolve();
      },
      progress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(turns).toBe(3);
    expect(progress).toEqual(['2/6', '4/6', '6/6', '6/6']);
  });
});
