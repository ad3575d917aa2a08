import { expect, test } from '@playwright/test';
import { ISOLATED_PORT } from '../../playwright.config';
import { metrics, open } from './helpers';

// Served cross-origin isolated, tfjs-wasm loads its threaded build (pthread workers, shared memory).
// Minified, that build used to kill its pthread workers at start and the page hung on "starting"
// (tools/vite/tfjs-wasm-threads.ts). Here it must train, to the numbers of the usual page.
test('a cross-origin isolated page loads the threaded wasm build and trains to the same numbers', async ({ page }) => {
  const run = 'kind=single&mh=2&n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8&steps=100&logev=5&evalev=50&backend=wasm';
  await open(page, run);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 120_000 });
  const plain = (await metrics(page)).evals;

  await page.goto(`http://localhost:${ISOLATED_PORT}/?${run}`);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 120_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const reason = await page.evaluate(() => {
    const s = (window as unknown as { __rankscope: { run: { getState(): { backend: { attempts: { name: string; reason: string }[] } | null } } } }).__rankscope.run.getState();
    return s.backend?.attempts.find((a) => a.name === 'wasm')?.reason ?? '';
  });
  expect(reason).toContain('threaded SIMD build');
  expect(page.workers().length).toBeGreaterThan(1); // the training worker and its pthread pool
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 120_000 });
  const isolated = (await metrics(page)).evals;
  // tfjs's own kernels instead of the app's SIMD ones: the same model to float32 rounding.
  expect(isolated.length).toBe(plain.length);
  isolated.forEach((mse, k) => mse.forEach((v, i) => expect(Math.abs(v - (plain[k]?.[i] ?? NaN)) / Math.abs(v)).toBeLessThan(1e-3)));
});
