import { expect, test } from './fixtures';
import { metrics, open, SMALL, stepCount, takeLongTasks, watchLongTasks } from './helpers';

test('opens on the default experiment, ready to press Play', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(page.getByTestId('play')).toBeEnabled();
  await expect(page.getByTestId('backend-name')).toHaveText(/^(wasm|webgpu|webgl|cpu)$/);
});

test('training streams loss points that fall; pause, step and reset work', async ({ page }) => {
  // Long enough that the run cannot end between the poll and the Pause click, however fast the backend.
  await open(page, SMALL.replace('steps=400', 'steps=100000'));
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  const m = await metrics(page);
  const loss = m.loss[0] ?? [];
  const head = loss.slice(0, 3).reduce((a, b) => a + b, 0) / 3;
  const tail = loss.slice(-3).reduce((a, b) => a + b, 0) / 3;
  expect(tail).toBeLessThan(head);
  expect(m.steps.every((s, i) => i === 0 || s > (m.steps[i - 1] ?? 0))).toBe(true);
  // The chart draws the lane's curve (raw data faint under the smoothed one).
  await expect(page.getByTestId('loss-plot')).toHaveAttribute('data-series', '2');

  const paused = await stepCount(page);
  await page.waitForTimeout(500);
  expect(await stepCount(page)).toBe(paused);
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThan(paused);

  await page.getByTestId('reset').click();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/);
  await expect.poll(() => stepCount(page)).toBe(0);
  expect((await metrics(page)).steps).toEqual([]);
});

test('the worker keeps its tensor count flat and the main thread has no long task', async ({ page }) => {
  await open(page, SMALL.replace('steps=400', 'steps=100000'));
  await watchLongTasks(page);
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(100);
  const t1 = Number(await page.getByTestId('tensor-count').textContent());
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(600);
  const t2 = Number(await page.getByTestId('tensor-count').textContent());
  // Read while still training (the paper views redraw live on canvas), then across a pause.
  const { longTasks, frames } = await takeLongTasks(page);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  await page.waitForTimeout(1500);
  const atPause = await takeLongTasks(page);
  expect(t1).toBeGreaterThan(0);
  expect(t2).toBe(t1);
  expect(longTasks.filter((d) => d > 50), frames.join('\n')).toEqual([]);
  expect(atPause.longTasks.filter((d) => d > 50), atPause.frames.join('\n')).toEqual([]);
});

test('a crashed worker is reported and replaced; the curves drawn so far stay', async ({ page }) => {
  await open(page, SMALL.replace('steps=400', 'steps=3000'));
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(10);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  const before = await metrics(page);
  await page.evaluate(() => (window as unknown as { __rankscope: { client: { simulateCrash(): void } } }).__rankscope.client.simulateCrash());
  await expect(page.getByTestId('notices')).toContainText(/crashed/, { timeout: 30_000 });
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 60_000 });
  const after = await metrics(page);
  expect(after.steps).toEqual(before.steps);
  expect(after.loss).toEqual(before.loss);
  // The fresh worker trains again, from step 0, on fresh curves.
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(2);
  const fresh = await metrics(page);
  expect(fresh.steps[0]).toBe(5);
  expect(fresh.steps.every((s, i) => i === 0 || s > (fresh.steps[i - 1] ?? 0))).toBe(true);
});
