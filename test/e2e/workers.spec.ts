import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { metrics, open } from './helpers';

/** RNN and Transformer lanes on three targets: six lanes for the workers to share. */
const COMPARE =
  'kind=compare&target=memory&tau=8&swapk=2&mh=2&n=8&mff=16&mv=8&rnnh=16&batch=8&evaln=32&steps=60&logev=5&evalev=30&lr=0.01&backend=wasm';

async function runToEnd(page: Page, workers: number): Promise<{ evals: number[][]; loss: number[][]; workerCount: string }> {
  await open(page, `${COMPARE}&workers=${workers}`);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 120_000 });
  const m = await metrics(page);
  return { evals: m.evals, loss: m.loss, workerCount: (await page.getByTestId('worker-count').textContent()) ?? '' };
}

test('the same link trained by 1 and by 3 workers gives the same numbers for every lane', async ({ page }) => {
  const one = await runToEnd(page, 1);
  const three = await runToEnd(page, 3);
  expect(one.workerCount).toBe('1');
  expect(three.workerCount).toBe('3');
  await expect(page.getByTestId('worker-count')).toHaveAttribute('title', /Lanes per worker: .+ \| .+ \| .+/);
  // Every lane's arithmetic is its own, so the split changes nothing: equal to the last bit.
  expect(three.evals).toHaveLength(2);
  expect(three.evals).toEqual(one.evals);
  expect(three.loss).toEqual(one.loss);
  expect(new Set(three.evals[1]).size).toBe(6); // six different models, not one copied
});

test('a 3-worker run pauses as one, steps, and survives a crash of one worker', async ({ page }) => {
  await open(page, `${COMPARE.replace('steps=60', 'steps=4000')}&workers=3`);
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).steps.length, { timeout: 60_000 }).toBeGreaterThan(4);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText(/paused/);
  // Paused means every worker stopped at the same step, and the page has a checkpoint there.
  const paused = await page.evaluate(() => {
    const w = window as unknown as { __rankscope: { run: { getState(): { step: number; checkpoint: { step: number } | null } } } };
    const s = w.__rankscope.run.getState();
    return { step: s.step, checkpoint: s.checkpoint?.step ?? -1 };
  });
  expect(paused.checkpoint).toBe(paused.step);
  await page.getByTestId('step').click();
  await expect.poll(async () => (await metrics(page)).steps.at(-1)).toBeGreaterThan(paused.step);
  await page.evaluate(() => (window as unknown as { __rankscope: { client: { simulateCrash(): void } } }).__rankscope.client.simulateCrash());
  await expect(page.getByText(/worker 1 of 3/)).toBeVisible();
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/running/);
});
