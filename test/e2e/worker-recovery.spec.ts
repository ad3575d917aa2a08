/**
 * Runs that cannot fit are refused before Play; a worker that runs out of memory, hangs or fails on
 * every load is replaced (with back-off, and at most a few times in a row), and the app trains again.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { metrics, open, SMALL } from './helpers';

type Hook = { __rankscope: { client: { simulateCrash(mode?: string): void }; run: { getState(): { notices: readonly string[]; step: number } } } };

const crash = (page: Page, mode: string): Promise<void> =>
  page.evaluate((m) => (window as unknown as Hook).__rankscope.client.simulateCrash(m), mode);
const notices = (page: Page): Promise<string[]> => page.evaluate(() => [...(window as unknown as Hook).__rankscope.run.getState().notices]);

/** The default experiment trains: Play, and loss points arrive. */
async function defaultTrains(page: Page): Promise<void> {
  await page.goto('/?v=1');
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 90_000 }).toBeGreaterThan(2);
}

test('issue 13’s out-of-memory link is refused before Play, naming its estimate and the batch that fits', async ({ page }) => {
  await page.goto('/?v=1&tau=256&batch=1024&mff=512&depth=4');
  await expect(page.getByTestId('cost-refusal')).toHaveText(/^This run needs ~\d+ GB on wasm, over its limit of 3\.8 GB .*lower batch to \d+ or less \(now 1024\)\.$/);
  await expect(page.getByTestId('run-state')).toHaveText(/error/, { timeout: 90_000 });
  await expect(page.getByTestId('play')).toBeDisabled();
  // The worker itself refused it too (its status message), in the same words.
  await expect(page.getByText(/lower batch to \d+ or less/)).toHaveCount(2);
  await defaultTrains(page);
});

test('the 2,048-lane sweep is refused by the schema with a message', async ({ page }) => {
  const mhs = Array.from({ length: 32 }, (_, i) => i + 1).join(',');
  await page.goto(`/?v=1&kind=sweep&seeds=8&ranks=1,2,3,4,5,6,7,full&mhs=${mhs}`);
  await expect(page.getByText(/2048 lanes; at most 256 lanes run in one experiment/).first()).toBeVisible();
  await expect(page.getByTestId('play')).toBeDisabled();
});

test('the estimate beside Play: memory and a "~" time, then the measured time once running', async ({ page }) => {
  await open(page, SMALL.replace('steps=400', 'steps=100000'));
  await expect(page.getByTestId('cost-memory')).toHaveText(/^~[\d.]+ (kB|MB)$/);
  await expect(page.getByTestId('cost-time')).toHaveText(/^~[\d.]+ (s|min|h) here$/);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('cost-time')).toHaveText(/left at the measured speed$/, { timeout: 60_000 });
});

test('a real wasm out-of-memory ends the worker; a fresh one starts, offers the checkpoint, and the default experiment trains', async ({ page }) => {
  await open(page, SMALL.replace('steps=400', 'steps=4000'));
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(12);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  const before = await metrics(page);
  await crash(page, 'oom');
  await expect(page.getByTestId('notices')).toContainText(/The training worker stopped: Training failed at step \d+: (RuntimeError: Aborted|RuntimeError: memory access out of bounds|RangeError: Invalid typed array length).* \(the backend ran out of memory\)/, { timeout: 120_000 });
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  expect((await metrics(page)).steps).toEqual(before.steps); // what was computed stays drawn
  await expect(page.getByTestId('resume-offer')).toBeVisible();
  await defaultTrains(page);
});

test('a hung worker (no sign of life while running) is replaced', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __rankscopeTest: { hangMs: number } }).__rankscopeTest = { hangMs: 4000 };
  });
  await open(page, SMALL.replace('steps=400', 'steps=100000'));
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(4);
  await crash(page, 'hang');
  await expect(page.getByTestId('notices')).toContainText(/made no progress for \d+ s while running/, { timeout: 60_000 });
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
});

test('a worker that fails on every load stops restarting after the cap, with one notice', async ({ page }) => {
  let loads = 0;
  await page.route(/training\.worker[^/]*\.js/, (route) => {
    loads += 1;
    return route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("broken worker script");' });
  });
  await page.goto(`/?${SMALL}`);
  await expect(page.getByTestId('notices')).toContainText(/failed 5 times in a row, so no new one was started/, { timeout: 60_000 });
  const shown = await notices(page);
  expect(shown.filter((n) => n.includes('training worker'))).toHaveLength(1);
  expect(loads).toBe(5);
  // No more attempts afterwards.
  await page.waitForTimeout(6000);
  expect(loads).toBe(5);
  await expect(page.getByTestId('play')).toBeDisabled();
});
