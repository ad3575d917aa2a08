import { expect, test } from './fixtures';
import { decodeConfig } from '../../src/core/config';
import { TrainingSession } from '../../src/core/train';
import { selectNodeBackend } from '../../src/platform/node-tf';
import { metrics, SMALL } from './helpers';

/** The runner's engine in this (Node) process: the same link on the same backend. */
async function nodeLosses(link: string): Promise<number[]> {
  await selectNodeBackend('wasm');
  const session = new TrainingSession(decodeConfig(link).config, 'split');
  const out: number[] = [];
  await session.run(Infinity, { onTrain: (r) => out.push(...r.laneLoss), onEval: (e) => out.push(...e.mse) });
  session.dispose();
  return out;
}

test('the headless runner and the browser give the same numbers for the same link on wasm', async ({ page }) => {
  const link = `${SMALL.replace('steps=400', 'steps=60').replace('evalev=50', 'evalev=30')}&kind=sweep&mhs=1,3&seed=5`;
  const expected = await nodeLosses(link);
  await page.goto(`/?${link}`);
  await expect(page.getByTestId('run-state')).toHaveText(/ready/, { timeout: 90_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done/, { timeout: 90_000 });
  const m = await metrics(page);
  // Train losses travel to the page as float32 (hence 1e-6, not 0); evaluations as float64.
  // Interleave as the runner reported them: every train report (2 lanes), evaluations after steps 30 and 60.
  const browser: number[] = [];
  m.steps.forEach((step, i) => {
    browser.push(m.loss[0]?.[i] as number, m.loss[1]?.[i] as number);
    if (step % 30 === 0) browser.push(...(m.evals[step / 30 - 1] ?? []));
  });
  expect(browser).toHaveLength(expected.length);
  browser.forEach((b, i) => expect(Math.abs(b - (expected[i] as number))).toBeLessThanOrEqual(1e-6 * Math.abs(expected[i] as number)));
});
