import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { open, stepCount, takeLongTasks, watchLongTasks } from './helpers';

/** A sweep long enough to watch several evaluations (every 50 steps) while it trains; K = τ = 8. */
const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=2,full&fixed=1&beta=0.5&tau=8&modes=8&steps=3000&logev=10&evalev=50&evaln=64&batch=32';
const COMPARE = 'kind=compare&target=memory&tau=12&swapk=3&rnnh=8&n=8&mff=16&mv=8&batch=16&evaln=64&steps=3000&logev=10&evalev=30';

const attr = async (l: Locator, name: string): Promise<string> => (await l.getAttribute(`data-${name}`)) ?? '';
const num = async (l: Locator, name: string): Promise<number> => Number(await attr(l, name));
/** Step and MSE of the bars read together, in one page task (a redraw cannot fall between them). */
const stepAndMse = (l: Locator): Promise<{ step: number; mse: string }> =>
  l.evaluate((el) => ({ step: Number(el.getAttribute('data-step')), mse: el.getAttribute('data-mse') ?? '' }));

async function expectRunning(page: Page): Promise<void> {
  await expect(page.getByTestId('run-state')).toHaveText(/running/, { timeout: 1000 });
}

test('the paper views redraw live while training, with no long task then or at Pause', async ({ page }) => {
  await open(page, SWEEP);
  await expect(page.getByTestId('views-live')).toBeChecked();
  await watchLongTasks(page);
  await page.getByTestId('play').click();

  const violins = page.getByTestId('spectrum-plot');
  const rate = page.getByTestId('rate-plot');
  const means = page.getByTestId('spectrum-mean-plot');
  await expect.poll(() => num(violins, 'step'), { timeout: 60_000 }).toBeGreaterThanOrEqual(50);
  await expectRunning(page);
  // Each view's step and values read in one page task: a redraw between two reads would pair an old
  // step with new values, and the "later evaluation" below would then compare a draw with itself.
  const first = await violins.evaluate((el) => ({
    step: Number(el.getAttribute('data-step')),
    means: el.getAttribute('data-means') ?? '',
    draws: Number(el.getAttribute('data-draws')),
  }));
  const firstRate = await rate.evaluate((el) => ({ step: Number(el.getAttribute('data-step')), mse: el.getAttribute('data-mse') ?? '' }));
  const firstSlope = await page.getByTestId('fit-slope-value-full').textContent();
  // One violin per index k = 1..K, drawn from the latest snapshot while the run goes on.
  await expect(violins).toHaveAttribute('data-violins', '8');
  expect(first.means.split(',')).toHaveLength(8);
  await expect(rate).toHaveAttribute('data-points', '6');

  // A later evaluation redraws every view, still while training.
  await expect.poll(() => num(violins, 'step'), { timeout: 60_000 }).toBeGreaterThan(first.step);
  await expect.poll(() => num(rate, 'step'), { timeout: 10_000 }).toBeGreaterThan(firstRate.step);
  await expectRunning(page);
  await expect(violins).toHaveAttribute('data-violins', '8');
  expect(await attr(violins, 'means')).not.toBe(first.means);
  expect(await num(violins, 'draws')).toBeGreaterThan(first.draws);
  expect(await attr(rate, 'mse')).not.toBe(firstRate.mse);
  expect(await num(means, 'step')).toBeGreaterThan(first.step);
  // The rate plot's slope (drawn beside the fit) and the listed slope agree, and both move with training.
  const slopeOf = async (): Promise<string> => (await page.getByTestId('fit-slope-value-full').textContent()) ?? '';
  // Read together, in one page task: the listed slope follows each evaluation, the plot its next draw.
  const drawnAndListed = (): Promise<[string, string]> =>
    page.evaluate(() => [
      document.querySelector('[data-testid="rate-plot"]')?.getAttribute('data-slopes')?.split(',')[1] ?? '',
      document.querySelector('[data-testid="fit-slope-value-full"]')?.textContent ?? '',
    ]);
  await expect.poll(async () => { const [drawn, listed] = await drawnAndListed(); return drawn === listed && drawn !== ''; }).toBe(true);
  await expect.poll(slopeOf, { timeout: 60_000 }).not.toBe(firstSlope);
  await expectRunning(page);
  expect(Number(await slopeOf())).toBeLessThan(0);

  // Each draw's tasks (the paint, and the build: the violins' in slices) are main-thread tasks, held
  // to 50 ms of CPU by the trace below; their wall times here only show the views report them.
  for (const l of [violins, means, rate]) {
    expect(await num(l, 'paint-ms')).toBeGreaterThan(0);
    expect(await num(l, 'slices')).toBeGreaterThanOrEqual(1);
  }
  expect(await stepCount(page)).toBeGreaterThan(100);
  const training = await takeLongTasks(page);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  await page.waitForTimeout(1500);
  const paused = await takeLongTasks(page);
  expect(training.longTasks.filter((d) => d > 50), training.frames.join('\n')).toEqual([]);
  expect(paused.longTasks.filter((d) => d > 50), paused.frames.join('\n')).toEqual([]);
});

test('the comparison bars follow each evaluation while training', async ({ page }) => {
  await open(page, COMPARE);
  await watchLongTasks(page);
  await page.getByTestId('play').click();
  const bars = page.getByTestId('compare-bars');
  await expect.poll(() => num(bars, 'step'), { timeout: 60_000 }).toBeGreaterThanOrEqual(30);
  await expectRunning(page);
  await expect(bars).toHaveAttribute('data-bars', '6');
  // The bars draw the grid's numbers (both read in one page task).
  const { first, grid } = await bars.evaluate((el) => ({
    first: { step: Number(el.getAttribute('data-step')), mse: el.getAttribute('data-mse') ?? '' },
    grid: Number(document.querySelector('[data-testid="grid-rnn-none"]')?.textContent),
  }));
  expect(Number(first.mse.split(',')[0])).toBeCloseTo(grid, 2);
  await expect.poll(async () => (await stepAndMse(bars)).step, { timeout: 60_000 }).toBeGreaterThan(first.step);
  await expectRunning(page);
  // A later evaluation's bars: read with their own step, so the two always belong together.
  const later = await stepAndMse(bars);
  expect(later.step).toBeGreaterThan(first.step);
  expect(later.mse).not.toBe(first.mse);
  const training = await takeLongTasks(page);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  expect(training.longTasks.filter((d) => d > 50), training.frames.join('\n')).toEqual([]);
});
