import { expect, test } from './fixtures';
import { metrics, SMALL } from './helpers';

const FEW = SMALL.replace('steps=400', 'steps=4').replace('logev=5', 'logev=1').replace('evalev=50', 'evalev=4');

async function runToEnd(page: import('@playwright/test').Page, query: string): Promise<number[]> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 150_000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 150_000 });
  const m = await metrics(page);
  return [...(m.loss[0] ?? []), ...(m.evals.at(-1) ?? [])];
}

test('auto selection explains itself: software WebGPU loses to wasm here', async ({ page }) => {
  await page.goto(`/?${SMALL}`);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  const panel = page.getByTestId('backend-panel');
  await expect(panel).toContainText('webgpu');
  await expect(panel).toContainText(/fallback|software|not available|no WebGPU adapter/);
});

test('a forced WebGPU run passes its self-test and matches cpu', async ({ page }) => {
  test.setTimeout(400_000);
  const gpu = await runToEnd(page, `${FEW}&backend=webgpu`);
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu');
  await expect(page.getByTestId('backend-panel')).toContainText('self-test');
  const cpu = await runToEnd(page, `${FEW}&backend=cpu`);
  await expect(page.getByTestId('backend-name')).toHaveText('cpu');
  expect(gpu).toHaveLength(5);
  gpu.forEach((g, i) => {
    const c = cpu[i] as number;
    expect(Math.abs(g - c) / Math.abs(c)).toBeLessThan(1e-3);
  });
});
