import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { metrics, open, SMALL, takeLongTasks, watchLongTasks } from './helpers';

const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&steps=300&logev=10&evalev=100&evaln=64&batch=32';
const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=60&logev=10&evalev=30';
const EXACT = 'kind=exact&spec=list&sigmas=1&rho0=1';

const numeric = (text: string | null): number => Number((text ?? '').trim());

async function runToDone(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 60_000 });
}

/** The names of the traces plotly drew in a plot (plotly keeps them on the element). */
async function traceNames(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).evaluate((el) => ((el as unknown as { data?: { name?: string }[] }).data ?? []).map((t) => t.name ?? ''));
}

test('a sweep shows τ violins, the rate plot with a numeric fitted slope per rank, and m_h = r', async ({ page }) => {
  await open(page, SWEEP);
  await runToDone(page);
  expect((await metrics(page)).evals.length).toBeGreaterThan(0);

  // One violin (or fallback strip) per index k = 1..τ for the learned spectra.
  await expect(page.getByTestId('spectrum-plot')).toHaveAttribute('data-violins', '8');
  await expect(page.getByTestId('spectrum-mean-plot')).toBeVisible();
  await expect(page.getByTestId('snapshot-label')).toContainText('step 300');

  await expect(page.getByTestId('rate-plot')).toBeVisible();
  for (const rank of ['2', 'full']) {
    await expect(page.getByTestId(`fit-slope-${rank}`)).toContainText('slope');
    const value = numeric(await page.getByTestId(`fit-slope-value-${rank}`).textContent());
    expect(Number.isFinite(value)).toBe(true);
  }
  await expect(page.getByTestId('rank-marker-2')).toContainText('m_h = r = 2');
  // The canvas lists the marks it drew: the dotted m_h = r line is among them, and 3 points per rank.
  await expect(page.getByTestId('rate-plot')).toHaveAttribute('data-marks', /(^|;)m_h = r = 2(;|$)/);
  await expect(page.getByTestId('rate-plot')).toHaveAttribute('data-points', '6');

  // Scrubbing back to the first snapshot redraws the violins from it; End follows the latest again.
  const violins = page.getByTestId('spectrum-plot');
  const latestMeans = await violins.getAttribute('data-means');
  await page.getByTestId('snapshot').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('snapshot-label')).toContainText(/\(1 of \d+\)/);
  const firstStep = Number(/step (\d+)/.exec((await page.getByTestId('snapshot-label').textContent()) ?? '')?.[1]);
  await expect(violins).toHaveAttribute('data-step', String(firstStep));
  expect(firstStep).toBeLessThan(300);
  expect(await violins.getAttribute('data-means')).not.toBe(latestMeans);
  await page.keyboard.press('End');
  await expect(violins).toHaveAttribute('data-step', '300');

  // A theme switch repaints the canvas views in the new colours.
  const draws = Number(await violins.getAttribute('data-draws'));
  const corner = (): Promise<string> =>
    violins.locator('canvas').evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')?.getImageData(2, 2, 1, 1).data ?? []).join(','));
  const light = await corner();
  await page.getByTestId('theme').selectOption(light.startsWith('255') ? 'dark' : 'light');
  await expect.poll(corner).not.toBe(light);
  expect(Number(await violins.getAttribute('data-draws'))).toBeGreaterThan(draws);

  // Row-centring is a view-only field: toggling it redraws without restarting the run.
  await page.getByTestId('centre').check();
  await expect(page.getByTestId('spectrum-mode')).toHaveText('row-centred');
  await expect(page.getByTestId('run-state')).toHaveText(/done/);
  await expect(page.getByTestId('spectrum-plot')).toHaveAttribute('data-violins', '8');
});

test('a compare run fills the 2 × 3 grid, its ratios, the bars and the alteration drawing', async ({ page }) => {
  await open(page, COMPARE);
  await runToDone(page);
  for (const model of ['rnn', 'transformer']) {
    for (const alt of ['none', 'order', 'mix']) {
      const mse = numeric(await page.getByTestId(`grid-${model}-${alt}`).textContent());
      expect(mse).toBeGreaterThan(0);
      const ratio = numeric(await page.getByTestId(`ratio-${model}-${alt}`).textContent());
      expect(Number.isFinite(ratio)).toBe(true);
      if (alt === 'none') expect(ratio).toBe(1);
    }
  }
  await expect(page.getByTestId('compare-bars')).toHaveAttribute('data-bars', '6');
  await expect(page.getByTestId('alteration-plot')).toBeVisible();
  await expect.poll(() => traceNames(page, 'alteration-plot')).toContain('θ(j)');
  // A memory target has no coupling: the App. D.3 example is shown instead, and says so.
  await expect(page.getByTestId('exact-spectra')).toContainText('paper’s own example');
  await expect(page.getByTestId('exact-after')).toContainText('1.262');
});

test('the mixing-rank link shows the exact spectra before (1, 1) and after mixing (1.26, 0.5, 0.4)', async ({ page }) => {
  await open(page, EXACT);
  await expect(page.getByTestId('exact-before')).toHaveText('1.000, 1.000');
  const after = page.getByTestId('exact-after');
  await expect(after).toHaveText(/^1\.26\d, /);
  expect(((await after.textContent()) ?? '').split(',').map(Number)).toHaveLength(3);
  await expect(page.getByTestId('exact-spectrum-plot').locator('.barlayer .point')).toHaveCount(5);
});

test('a click on a rate point shows that lane in the spectrum view; hovering reads the point', async ({ page }) => {
  await open(page, SWEEP);
  await runToDone(page);
  const rate = page.getByTestId('rate-plot');
  await expect(rate).toHaveAttribute('data-points', '6');
  const hits = ((await rate.getAttribute('data-hit')) ?? '').split(';').map((h) => h.split(':').map(Number));
  expect(hits).toHaveLength(6);
  const shown = Number(await page.getByTestId('spectrum-lane').inputValue());
  const other = hits.find(([lane]) => lane !== shown);
  if (!other) throw new Error('no other lane to click');
  const [lane, x, y] = other as [number, number, number];
  const canvas = rate.locator('canvas');
  await canvas.hover({ position: { x, y } });
  await expect(rate.getByRole('status')).toContainText(/rank (2|full), m_h \d/);
  await canvas.click({ position: { x, y } });
  await expect(page.getByTestId('spectrum-lane')).toHaveValue(String(lane));
  await expect(rate).toHaveAttribute('data-selected', String(lane));
  await expect(page.getByTestId('spectrum-plot')).toHaveAttribute('data-violins', '8');
});

test('with live redraw off, the views hold while training and draw on request', async ({ page }) => {
  await open(page, SMALL.replace('steps=400', 'steps=100000'));
  await expect(page.getByTestId('views-live')).toBeChecked();
  await page.getByTestId('views-live').uncheck();
  await page.getByTestId('play').click();
  await expect(page.getByTestId('views-held')).toBeVisible();
  const held = page.getByTestId('spectrum-plot-held');
  await expect(held).toBeVisible({ timeout: 30_000 });
  const violins = page.getByTestId('spectrum-plot');
  await held.getByRole('button', { name: 'draw now' }).click();
  await expect(violins).toHaveAttribute('data-violins', '8');
  // Held again until newer spectra arrive; then Pause draws them, with no long task.
  const drawnStep = Number(await violins.getAttribute('data-step'));
  await expect(held).toBeVisible({ timeout: 30_000 });
  expect(Number(await violins.getAttribute('data-step'))).toBe(drawnStep);
  await watchLongTasks(page);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('views-held')).toBeHidden();
  await expect.poll(async () => Number(await violins.getAttribute('data-step'))).toBeGreaterThan(drawnStep);
  const latest = await page.evaluate(() => {
    const w = window as unknown as { __rankscope: { run: { getState(): { metrics: { spectra: { step: number }[] } } } } };
    return w.__rankscope.run.getState().metrics.spectra.at(-1)?.step;
  });
  await expect(violins).toHaveAttribute('data-step', String(latest));
  await page.waitForTimeout(1000);
  const { longTasks, frames } = await takeLongTasks(page);
  expect(longTasks.filter((d) => d > 50), frames.join('\n')).toEqual([]);
});
