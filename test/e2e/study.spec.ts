/**
 * Issue 15, item 4: a study made by the real CLI (plan, run on two processes, merge) comes back into
 * the page through the folder picker: its notebooks are kept, a bad file beside them is named, and
 * the study view draws the fitted rate exponent against α, one point per α, the same numbers as the
 * CLI's summary. Then hundreds of notebooks at once, with the main thread's tasks traced.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { open, SMALL, takeLongTasks, watchLongTasks } from './helpers';

/** Fig. 5's recipe (fixed features, β = 0.25), short: m_h 1, 2, 4 at full rank, 2 α × 2 seeds. */
const STUDY = {
  name: 'e2e-alpha',
  base: 'kind=sweep&fixed=1&beta=0.25&lr=0.01&tau=16&mhs=1,2,4&ranks=full&steps=150&evaln=128&logev=50&evalev=50',
  axes: { alpha: [0.55, 1], seed: [0, 1] },
};

let dir = '';

const study = (...args: string[]): void => {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/study.ts', ...args], { stdio: 'pipe', timeout: 170_000 });
};

test.beforeAll(() => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'rs-e2e-study-'));
  writeFileSync(join(dir, 'study.json'), JSON.stringify(STUDY));
  study('plan', join(dir, 'study.json'), '--shards', '2', '--out', join(dir, 'out'));
  study('run', join(dir, 'out'), '--parallel', '2');
  study('merge', join(dir, 'out'));
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  experiments: { id: string; values: Record<string, string>; sweep: { rank: string; slope: number | null; tailSlope: number | null; theorySlope: number | null }[] }[];
}

const attr = async (l: Locator, name: string): Promise<string> => (await l.getAttribute(`data-${name}`)) ?? '';
const numbers = (text: string): number[] => text.split(',').map(Number);

/** The CLI summary's full-rank slopes, mean over seeds, per α in the study's order. */
function summarySlopes(): { alpha: string; mean: number; min: number; max: number }[] {
  const s = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')) as Summary;
  return STUDY.axes.alpha.map((a) => {
    const slopes = s.experiments.filter((e) => Number(e.values.alpha) === a).map((e) => e.sweep.find((r) => r.rank === 'full')?.slope ?? NaN);
    return { alpha: String(a), mean: slopes.reduce((x, y) => x + y, 0) / slopes.length, min: Math.min(...slopes), max: Math.max(...slopes) };
  });
}

async function historyCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __rankscope: { history: { getState(): { runs: unknown[] } } } }).__rankscope.history.getState().runs.length);
}

test('a merged study’s notebooks folder opens as a study: the exponent against α, one point per α, a bad file named', async ({ page }) => {
  const notebooks = join(dir, 'out', 'notebooks');
  expect(readdirSync(notebooks).sort()).toEqual(['e000.json', 'e001.json', 'e002.json', 'e003.json']);
  // A broken copy of one notebook beside them: one evaluation too few lanes.
  const nb = JSON.parse(readFileSync(join(notebooks, 'e000.json'), 'utf8')) as { metrics: { evals: { mse: number[] }[] } };
  nb.metrics.evals[0]?.mse.pop();
  writeFileSync(join(notebooks, 'broken.json'), JSON.stringify(nb));

  await open(page, SMALL);
  await watchLongTasks(page);
  await page.getByTestId('history-import-folder').setInputFiles(notebooks);

  const notice = page.getByTestId('import-error');
  await expect(notice).toContainText('Could not open 1 of the 5 files; the other 4 were kept');
  await expect(notice).toContainText('“notebooks/broken.json”: metrics.evals[0].mse: expected 3 entries, found 2');
  expect(await historyCount(page)).toBe(4);

  const plot = page.getByTestId('study-plot');
  await expect(plot).toHaveAttribute('data-figure', 'exponent-alpha');
  await expect(page.getByTestId('study-view').getByRole('heading')).toHaveText('Study: fitted rate exponent against α');
  await expect(plot).toHaveAttribute('data-points', '2');
  await expect(plot).toHaveAttribute('data-alpha', '0.55,1');
  await expect(plot).toHaveAttribute('data-seeds', '2,2');
  await expect(plot).toHaveAttribute('data-axes', 'alpha,seed');
  // The page's fit is the CLI's: the same slopes (summary.json), averaged over the seed axis.
  const cli = summarySlopes();
  expect(numbers(await attr(plot, 'slopes'))).toEqual(cli.map((p) => expect.closeTo(p.mean, 4) as unknown as number));
  expect(numbers(await attr(plot, 'min'))).toEqual(cli.map((p) => expect.closeTo(p.min, 3) as unknown as number));
  expect(numbers(await attr(plot, 'max'))).toEqual(cli.map((p) => expect.closeTo(p.max, 3) as unknown as number));
  expect(numbers(await attr(plot, 'theory'))).toEqual([expect.closeTo(-0.1, 4), -1]);
  expect(numbers(await attr(plot, 'tail')).every((t) => t < 0)).toBe(true);
  // The same numbers as a table under the figure, one row per α.
  const rows = page.getByTestId('study-points').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('td').first()).toHaveText('0.55');
  await expect(rows.nth(0).locator('td').nth(1)).toContainText(`${cli[0]?.mean.toFixed(3)} ± `);
  // The figure exports: a CSV of every point (named for the study's runs, not the page's), and a PNG.
  await page.getByTestId('export-study-toggle').click();
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-study-csv').click()]);
  expect(csvFile.suggestedFilename()).toMatch(/^rankscope-study-alpha-sweep-[0-9a-f]{6}\.csv$/);
  const csv = readFileSync(await csvFile.path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('series,alpha,slope_rank_full_mean,slope_rank_full_sd,slope_rank_full_min,slope_rank_full_max,values,runs,theory_slope,tail_slope');
  expect(csv).toHaveLength(1 + cli.length);
  cli.forEach((p, i) => {
    const cells = csv[i + 1]?.split(',') ?? [];
    expect(cells[1]).toBe(p.alpha);
    expect(Number(cells[2])).toBeCloseTo(p.mean, 6);
    expect([Number(cells[4]), Number(cells[5])]).toEqual([expect.closeTo(p.min, 6), expect.closeTo(p.max, 6)]);
    expect(cells.slice(6, 8)).toEqual(['2', '2']);
  });
  if ((await page.getByTestId('export-study-toggle').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('export-study-toggle').click();
  const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-study-png').click()]);
  expect(readFileSync(await pngFile.path()).subarray(1, 4).toString('latin1')).toBe('PNG');

  const tasks = await takeLongTasks(page);
  expect(tasks.longTasks.filter((d) => d > 50), tasks.frames.join('\n')).toEqual([]);

  // Nothing kept before is lost by a second import; the study view follows the last one.
  await page.getByTestId('history-import').setInputFiles([join(notebooks, 'e000.json'), join(notebooks, 'e002.json')]);
  await expect.poll(() => historyCount(page)).toBe(6);
  await expect(notice).toHaveCount(0);
  await expect(plot).toHaveAttribute('data-points', '2');
  await expect(plot).toHaveAttribute('data-seeds', '1,1');
  // A run trained meanwhile is recorded in the history; the study is not rebuilt or redrawn for it.
  const draws = await attr(plot, 'draws');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
  await expect.poll(() => historyCount(page)).toBe(7);
  expect(await attr(plot, 'draws')).toBe(draws);
  await page.getByTestId('study-close').click();
  await expect(page.getByTestId('study-view')).toHaveCount(0);
});

test('hundreds of notebooks at once keep the page responsive', async ({ page }) => {
  const text = readFileSync(join(dir, 'out', 'notebooks', 'e000.json'), 'utf8');
  // 20 α × 10 seeds made from one notebook (α and the seed rewritten in its link and config alike).
  const many = join(dir, 'many');
  mkdirSync(many);
  for (let i = 0; i < 200; i++) {
    const nb = JSON.parse(text) as { link: string; config: Record<string, unknown> };
    const alpha = (50 + 5 * Math.floor(i / 10)) / 100;
    const seed = i % 10;
    const link = new URLSearchParams(nb.link);
    link.set('alpha', String(alpha));
    link.set('seed', String(seed));
    writeFileSync(join(many, `nb${String(i).padStart(3, '0')}.json`), JSON.stringify({ ...nb, link: link.toString(), config: { ...nb.config, alpha, seed } }));
  }
  await open(page, SMALL);
  // With the history list open: the 200 runs are listed as they arrive.
  await page.getByTestId('history-toggle').click();
  await watchLongTasks(page);
  // Files on disk, as a user picks them (a test's in-memory files are built by script in the page).
  await page.getByTestId('history-import-folder').setInputFiles(many);
  await expect.poll(() => historyCount(page), { timeout: 120_000 }).toBe(200);
  const plot = page.getByTestId('study-plot');
  await expect(plot).toHaveAttribute('data-points', '20');
  await expect(plot).toHaveAttribute('data-seeds', Array(20).fill('10').join(','));
  await expect(page.getByTestId('study-points').locator('tbody tr')).toHaveCount(20);
  // The list shows the newest 10, and more on request.
  await expect(page.getByTestId('history-item')).toHaveCount(10);
  await expect(page.getByTestId('history-more')).toHaveText('Show 10 more (of 200 runs)');
  await page.getByTestId('history-more').click();
  await expect(page.getByTestId('history-item')).toHaveCount(20);
  const tasks = await takeLongTasks(page);
  expect(tasks.longTasks.filter((d) => d > 50), tasks.frames.join('\n')).toEqual([]);
});
