import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** A small, fast experiment (a few ms per step on wasm) for tests that only need the machinery. */
export const SMALL =
  'kind=single&mh=2&n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8&steps=400&logev=5&evalev=50';

export async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
}

export async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('step-count').textContent()) ?? '';
  return Number(text.split('/')[0]?.trim().replace(/[^0-9]/g, '') ?? NaN);
}

/** Read the run store through the test hook (the plots' data, exactly). */
export async function metrics(page: Page): Promise<{ steps: number[]; loss: number[][]; evals: number[][] }> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __rankscope: { run: { getState(): { metrics: { trainSteps: number[]; trainLoss: number[][]; evals: { mse: Float64Array }[] } } } };
    };
    const m = w.__rankscope.run.getState().metrics;
    return { steps: [...m.trainSteps], loss: m.trainLoss.map((l) => [...l]), evals: m.evals.map((e) => Array.from(e.mse)) };
  });
}

export { takeLongTasks, watchLongTasks } from './main-thread';

/** Hover a view's canvas at fractions (fx, fy) of its size; returns the view's hover readout. */
export async function hoverCanvas(view: Locator, fx: number, fy: number): Promise<Locator> {
  const canvas = view.locator('canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await canvas.hover({ position: { x: box.width * fx, y: box.height * fy } });
  return view.locator('.hover-readout');
}
